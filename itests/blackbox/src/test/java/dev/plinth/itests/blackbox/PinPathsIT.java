package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pin holds on every path that changes a version, and goes with its plugin. */
class PinPathsIT {

    private static final String VERSIONED = "dev.plinth.sample.versioned";
    private static final String PINNED = VERSIONED + " is pinned: its version does not change until plugin:unpin "
            + VERSIONED + " lifts the pin";

    @TempDir
    Path unpacked;

    @Test
    void aPinnedPluginKeepsItsVersionThroughDeployUpgradeAndRollbackAndThePinGoesWithIt() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        Path samples = plinth.home().resolve("samples");
        deploy(plinth, "dev.plinth.sample.versioned-1.jar");
        ok(plinth, "plugin:pin " + VERSIONED);

        deploy(plinth, "dev.plinth.sample.versioned-2.jar");
        Plinth.Result status = ok(plinth, "plugin:deploy-status");
        assertTrue(status.out().contains(PINNED), "the deploy directory's upgrade is refused\n" + status);
        assertEquals("1.0.0", version(plinth).orElseThrow());

        for (String program : new String[] {"plugin:upgrade " + VERSIONED + " " + samples.resolve(
                "dev.plinth.sample.versioned-2.jar"), "plugin:upgrade -s " + VERSIONED + " " + samples.resolve(
                "dev.plinth.sample.versioned-2.jar"), "plugin:update " + VERSIONED}) {
            Plinth.Result refused = plinth.run(null, "exec", program);
            assertEquals(1, refused.exit(), refused.toString());
            assertTrue(refused.err().contains("Error: " + VERSIONED + " is pinned"), refused.toString());
        }
        assertEquals("1.0.0", version(plinth).orElseThrow());

        ok(plinth, "plugin:unpin " + VERSIONED + "; plugin:upgrade " + VERSIONED + " "
                + samples.resolve("dev.plinth.sample.versioned-2.jar") + "; plugin:pin " + VERSIONED);
        Plinth.Result rollback = plinth.run(null, "exec", "plugin:rollback " + VERSIONED);
        assertEquals(1, rollback.exit(), rollback.toString());
        assertTrue(rollback.err().contains("Error: " + PINNED), rollback.toString());
        assertEquals("2.0.0", version(plinth).orElseThrow());

        ok(plinth, "plugin:remove " + VERSIONED);
        ok(plinth, "plugin:install " + samples.resolve("dev.plinth.sample.versioned-1.jar"));
        Plinth.Result outdated = ok(plinth, "plugin:outdated");
        assertTrue(outdated.out().lines().anyMatch(l -> l.matches(VERSIONED.replace(".", "\\.")
                + "\\s+1\\.0\\.0\\s+2\\.0\\.0\\s+no")), "the pin went with the removed plugin\n" + outdated);
    }

    @Test
    void aPluginRemovedWhileItsChangedJarWasRefusedIsNotBroughtBack() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        deploy(plinth, "dev.plinth.sample.versioned-1.jar");
        ok(plinth, "plugin:pin " + VERSIONED);
        deploy(plinth, "dev.plinth.sample.versioned-2.jar");
        assertTrue(ok(plinth, "plugin:deploy-status").out().contains(PINNED));

        Plinth.Result removed = ok(plinth, "plugin:remove " + VERSIONED + "; plugin:deploy-status");
        assertTrue(removed.out().lines().anyMatch(l -> l.startsWith("versioned.jar ") && l.contains(" detached ")),
                "the file is detached at once\n" + removed);

        Plinth.Result restarted = ok(plinth, "plugin:deploy-status; plugin:list");
        assertTrue(version(plinth).isEmpty(), "not installed again while the jar is as it was\n" + restarted);
        assertTrue(restarted.out().lines().anyMatch(l -> l.startsWith("versioned.jar ") && l.contains(" detached ")),
                restarted.toString());
    }

    private static void deploy(Plinth plinth, String sample) throws Exception {
        Path temporary = plinth.home().resolve("deploy/.versioned.jar.tmp");
        Files.copy(plinth.home().resolve("samples").resolve(sample), temporary, StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, plinth.home().resolve("deploy/versioned.jar"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static Plinth.Result ok(Plinth plinth, String program) throws Exception {
        Plinth.Result result = plinth.run(null, "exec", program);
        assertEquals(0, result.exit(), result.toString());
        return result;
    }

    private static Optional<String> version(Plinth plinth) throws Exception {
        return ok(plinth, "plugin:list").out().lines().filter(l -> l.startsWith(VERSIONED + " "))
                .map(l -> l.split("\\s+")[1]).findFirst();
    }
}
