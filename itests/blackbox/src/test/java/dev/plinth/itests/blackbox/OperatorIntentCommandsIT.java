package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's intent is recorded even when the framework already matches it, and the next starts follow it. */
class OperatorIntentCommandsIT {

    private static final String PICKY = "org.example.picky";

    @TempDir
    static Path unpacked;

    @TempDir
    static Path work;

    private static Plinth plinth;

    @BeforeAll
    static void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
    }

    @Test
    void aPluginThatCannotStartAnyMoreIsDisabledForGood() throws Exception {
        Path jar = TestBundles.withActivator(work.resolve("picky.jar"), PICKY, StartWhenAllowedActivator.class);
        Path allowStart = Files.createFile(plinth.home().resolve("allow-start"));
        Plinth.Result install = plinth.run(null, "exec", "plugin:install " + jar + " --enable");
        assertEquals(0, install.exit(), install.toString());
        Files.delete(allowStart);
        assertEquals("failed", state(PICKY).orElseThrow(), "its start fails at every start now");

        Plinth.Result disable = plinth.run(null, "exec", "plugin:disable " + PICKY);

        assertEquals(0, disable.exit(), disable.toString());
        assertEquals(List.of(
                "Disable " + PICKY + ": done.",
                "  1. record " + PICKY + " 1.0.0  not running; recorded as disabled",
                "Refresh: none"), disable.out().lines().toList(), disable.toString());
        assertEquals("installed", state(PICKY).orElseThrow(), "no start is tried any more");
        Path failures = plinth.home().resolve("data/manager/start-failures.properties");
        assertFalse(Files.exists(failures) && Files.readString(failures).contains(PICKY),
                "its failed starts are no longer counted");
        Plinth.Result again = plinth.run(null, "exec", "plugin:disable " + PICKY);
        assertEquals("Nothing to do for " + PICKY + ".", again.out().strip(), again.toString());
    }

    private static Optional<String> state(String id) throws Exception {
        Plinth.Result list = plinth.run(null, "exec", "plugin:list");
        return list.out().lines().filter(l -> l.startsWith(id + " ")).map(l -> l.split("\\s+")[2]).findFirst();
    }
}
