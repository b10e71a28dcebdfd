package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.Plinth;
import dev.plinth.itests.blackbox.TestBundles;

/**
 * An enabled plugin that fails at every start of the runtime is tried a bounded number of times, then quarantined
 * as {@code failed}: it is not started again by itself, the runtime serves, and {@code plugin:enable} tries again.
 */
class QuarantineIT {

    private static final String FLAKY = "org.example.flaky";
    private static final int LIMIT = 3;

    @TempDir
    Path unpacked;

    @TempDir
    Path jars;

    @Test
    void aPluginFailingAtEveryStartIsQuarantinedAfterABoundedNumberOfAttempts() throws Exception {
        Home home = Home.unpack(unpacked);
        Path jar = TestBundles.withActivator(jars.resolve("flaky.jar"), FLAKY, FlakyStartActivator.class);
        Plinth.Result installed = home.batch("plugin:install " + jar + " --enable");
        assertEquals(0, installed.exit(), installed.toString());
        Figures.INPUTS.incrementAndGet();
        Files.writeString(home.data("flaky-fails"), "fail\n");

        for (int restart = 1; restart <= LIMIT + 2; restart++) {
            Plinth.Result run = home.batch("plugin:info " + FLAKY, "echo serving");
            assertEquals(0, run.exit(), run.toString());
            assertTrue(run.out().lines().anyMatch("serving"::equals), run.toString());
            assertTrue(run.out().lines().anyMatch(line -> line.matches("State:\\s+failed")), run.toString());
            assertEquals(Math.min(restart, LIMIT) + 1, starts(home), "start attempts after restart " + restart
                    + ": the first start, then one per restart until quarantined\n" + run);
            boolean quarantined = run.out().contains("quarantined after " + LIMIT + " failed starts in a row");
            assertEquals(restart >= LIMIT, quarantined, "restart " + restart + "\n" + run);
        }

        Files.delete(home.data("flaky-fails"));
        Plinth.Result enabled = home.batch("plugin:enable " + FLAKY, "plugin:list --all --json");
        assertEquals(0, enabled.exit(), enabled.toString());
        Listing listing = Listing.allIn(enabled.out()).get(0);
        assertEquals("enabled", listing.rows().get(FLAKY).state(), enabled.toString());
        Plinth.Result restarted = home.batch("plugin:list --all --json");
        assertEquals("enabled", Listing.allIn(restarted.out()).get(0).rows().get(FLAKY).state(),
                "it starts with the runtime again\n" + restarted);
        assertEquals(List.of(), Invariants.violations(Listing.allIn(restarted.out()).get(0), StoreFiles.of(home)),
                restarted.toString());
    }

    private static long starts(Home home) throws Exception {
        return Files.readAllLines(home.data("flaky-starts")).size();
    }
}
