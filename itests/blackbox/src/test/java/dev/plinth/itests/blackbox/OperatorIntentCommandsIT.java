package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The operator's intent is recorded even when the framework already matches it, and the next starts follow it. */
class OperatorIntentCommandsIT {

    private static final String PICKY = "org.example.picky";

    @TempDir
    static Path work;

    @RegisterExtension
    static final CatalogHome home = new CatalogHome();

    @Test
    void aPluginThatCannotStartAnyMoreIsDisabledForGood() throws Exception {
        Path jar = TestBundles.withActivator(work.resolve("picky.jar"), PICKY, StartWhenAllowedActivator.class);
        Path allowStart = Files.createFile(home.path().resolve("allow-start"));
        Plinth.Result install = home.run("plugin:install " + jar + " --enable");
        assertEquals(0, install.exit(), install.toString());
        Files.delete(allowStart);
        assertEquals("failed", home.state(PICKY).orElseThrow(), "its start fails at every start now");

        Plinth.Result disable = home.run("plugin:disable " + PICKY);

        assertEquals(0, disable.exit(), disable.toString());
        assertEquals(List.of(
                "Disable " + PICKY + ": done.",
                "  1. record " + PICKY + " 1.0.0  not running; recorded as disabled",
                "Refresh: none"), disable.out().lines().toList(), disable.toString());
        assertEquals("installed", home.state(PICKY).orElseThrow(), "no start is tried any more");
        Path failures = home.path().resolve("data/manager/start-failures.properties");
        assertFalse(Files.exists(failures) && Files.readString(failures).contains(PICKY),
                "its failed starts are no longer counted");
        Plinth.Result again = home.run("plugin:disable " + PICKY);
        assertEquals("Nothing to do for " + PICKY + ".", again.out().strip(), again.toString());
    }
}
