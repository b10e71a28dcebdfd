package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Files in deploy/ that try something: a name that would forge a log line, links leaving the directory. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployHostileFilesIT {

    private static final String FORGED = "2026-01-01T00:00:00.000Z ERROR [main] dev.plinth.manager - forged";

    @TempDir
    static Path unpacked;

    @TempDir
    static Path elsewhere;

    @Test
    @Order(1)
    void aNameWithALineBreakIsRefusedAndCannotForgeALogLine() throws Exception {
        Plinth plinth = plinth();
        Path deploy = plinth.home().resolve("deploy");
        TestBundles.empty(deploy.resolve("evil\n" + FORGED + ".jar"), "org.example.evil", "1.0.0");

        Plinth.Result status = plinth.run(null, "exec", "plugin:list --all");

        assertEquals(0, status.exit(), status.toString());
        assertFalse(status.out().contains("org.example.evil"), "nothing was installed\n" + status);
        String log = Files.readString(plinth.home().resolve("data/log/plinth.log"));
        assertTrue(log.contains("evil\\n" + FORGED + ".jar\" holds a control character"), log);
        assertFalse(log.lines().anyMatch(line -> line.startsWith(FORGED)), "no line of the log is forged\n" + log);
    }

    @Test
    @Order(2)
    void aLinkLeavingTheDirectoryIsRefusedUnlessAllowedAndALinkInsideIsDeployed() throws Exception {
        Plinth plinth = plinth();
        Path deploy = plinth.home().resolve("deploy");
        Path outside = TestBundles.empty(elsewhere.resolve("outside.jar"), "org.example.outside", "1.0.0");
        Path inside = TestBundles.empty(Files.createDirectories(deploy.resolve("store")).resolve("inside.jar"),
                "org.example.inside", "1.0.0");
        Files.createSymbolicLink(deploy.resolve("outside.jar"), outside);
        Files.createSymbolicLink(deploy.resolve("inside.jar"), inside);

        Plinth.Result refused = plinth.run(null, "exec", "plugin:deploy-status");

        assertEquals(0, refused.exit(), refused.toString());
        assertTrue(refused.out().contains("outside.jar is a symbolic link to " + outside.toRealPath()
                + ", outside the deploy directory; such links are followed only when links.outside is true in "
                + "dev.plinth.deploy"), refused.toString());
        Plinth.Result list = plinth.run(null, "exec", "plugin:list");
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("org.example.inside ")), list.toString());
        assertFalse(list.out().lines().anyMatch(l -> l.startsWith("org.example.outside ")), list.toString());

        Files.writeString(plinth.home().resolve("etc/dev.plinth.deploy.cfg.json"), "{\"links.outside\": true}\n");
        Plinth.Result allowed = plinth.run(null, "exec", "plugin:list");

        assertEquals(0, allowed.exit(), allowed.toString());
        assertTrue(allowed.out().lines().anyMatch(l -> l.startsWith("org.example.outside ")), allowed.toString());
    }

    private static Plinth plinth;

    private static Plinth plinth() throws Exception {
        if (plinth == null) {
            plinth = new Plinth(Distribution.unpack(unpacked));
        }
        return plinth;
    }
}
