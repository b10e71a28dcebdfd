package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plugin:deploy-status follows what other tools did to a deployed plugin, in the same run. */
class DeployStatusIT {

    private static final String VERSIONED = "dev.plinth.sample.versioned";

    @TempDir
    Path unpacked;

    private Plinth plinth;

    @BeforeEach
    void unpack() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));
    }

    @Test
    void aDeployedPluginRemovedInTheShellIsShownDetachedAtOnce() throws Exception {
        deploy("dev.plinth.sample.versioned-1.jar");
        assertEquals("deployed", row(ok("plugin:deploy-status")).orElseThrow()[1]);

        Plinth.Result removed = ok("plugin:remove " + VERSIONED + "; plugin:deploy-status");

        String[] row = row(removed).orElseThrow(() -> new AssertionError(removed.toString()));
        assertEquals("detached", row[1], removed.toString());
        assertTrue(removed.out().contains("plugin " + VERSIONED + " was removed with another tool; the file is left "
                + "alone until it changes"), removed.toString());
    }

    @Test
    void aDeployedPluginRolledBackInTheShellIsShownDetachedWithItsVersion() throws Exception {
        deploy("dev.plinth.sample.versioned-1.jar");
        ok("plugin:deploy-status");
        deploy("dev.plinth.sample.versioned-2.jar");
        String[] upgraded = row(ok("plugin:deploy-status")).orElseThrow();
        assertEquals("deployed", upgraded[1]);
        assertEquals("2.0.0", upgraded[3]);

        Plinth.Result rolledBack = ok("plugin:rollback " + VERSIONED + "; plugin:deploy-status");

        String[] row = row(rolledBack).orElseThrow(() -> new AssertionError(rolledBack.toString()));
        assertEquals("detached", row[1], rolledBack.toString());
        assertTrue(rolledBack.out().contains("plugin " + VERSIONED + " was changed to 1.0.0 with another tool"),
                rolledBack.toString());
        Plinth.Result restarted = ok("plugin:deploy-status");
        assertEquals("detached", row(restarted).orElseThrow()[1], "and after a restart\n" + restarted);
    }

    @Test
    void aJarThatFailsForTheSameReasonAtEveryRetryIsOneFailureInTheHistory() throws Exception {
        Files.copy(plinth.home().resolve("samples/dev.plinth.sample.unresolvable.jar"),
                plinth.home().resolve("deploy/unresolvable.jar"));
        ok("plugin:deploy-status");
        deploy("dev.plinth.sample.versioned-1.jar");
        ok("plugin:deploy-status");
        ok("plugin:deploy-status");

        List<String> failures = ok("plugin:history").out().lines()
                .filter(line -> line.contains(" dev.plinth.sample.unresolvable ")).toList();

        assertEquals(1, failures.size(), "retries at each start and after a later deployment\n" + failures);
        assertTrue(failures.get(0).matches(
                "\\d+\\s+\\S+\\s+install\\s+dev\\.plinth\\.sample\\.unresolvable\\s+-\\s+-\\s+failed\\s+deploy\\s+.*"),
                "a failed install has no versions\n" + failures);
    }

    private void deploy(String sample) throws Exception {
        Path target = plinth.home().resolve("deploy/versioned.jar");
        Path temporary = plinth.home().resolve("deploy/.versioned.jar.tmp");
        Files.copy(plinth.home().resolve("samples").resolve(sample), temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private Plinth.Result ok(String program) throws Exception {
        Plinth.Result result = plinth.run(null, "exec", program);
        assertEquals(0, result.exit(), result.toString());
        return result;
    }

    private static Optional<String[]> row(Plinth.Result result) {
        return result.out().lines().filter(line -> line.startsWith("versioned.jar ")).map(line -> line.split("\\s+"))
                .findFirst();
    }
}
