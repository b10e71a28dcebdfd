package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin commands of {@code bin/plinth} ({@code plugins}, {@code install}, ... {@code events}) against the
 * runtime running on the same home: the shell commands of the same job run in it through its socket, with the
 * shell's output and exit statuses.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginCliIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String VERSIONED = "dev.plinth.sample.versioned";

    @TempDir
    static Path unpacked;

    private static final String GREETER_FR_JAR = "dev.plinth.sample.greeter.fr.jar";

    private static Plinth plinth;
    @AutoClose
    private static RestRuntime rest;

    @Test
    @Order(1)
    void withoutARunningRuntimeTheCommandsSaySoWithStatus3() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked));

        Plinth.Result plugins = plinth.run(null, "plugins");

        assertEquals(3, plugins.exit(), plugins.toString());
        assertTrue(plugins.err().contains("Plinth is not running on " + plinth.home()), plugins.toString());
    }

    @Test
    @Order(2)
    void installListAndReadTheJson() throws Exception {
        rest = RestRuntime.start(plinth, RestRuntime.freePort());
        Plinth.Result empty = ok("plugins");
        assertEquals("No plugins installed. Install one with: plugin:install <file>", empty.out().strip());

        Plinth.Result install = ok("install", "--enable", "samples/dev.plinth.sample.hello.jar");
        assertEquals(List.of(
                "Install dev.plinth.sample.hello: done.",
                "  1. install dev.plinth.sample.hello 1.0.0",
                "  2. start   dev.plinth.sample.hello 1.0.0",
                "Refresh: none"), install.out().lines().toList(), install.toString());

        Plinth.Result list = ok("plugins");
        assertEquals(List.of("ID                       VERSION  STATE    KIND    NAME",
                "dev.plinth.sample.hello  1.0.0    enabled  plugin  Plinth Sample: Hello"),
                list.out().lines().toList(), list.toString());

        Plinth.Result json = ok("plugins", "--json");
        assertTrue(json.out().strip().startsWith("[") && json.out().contains("\"id\": \"" + HELLO + "\""),
                json.toString());
    }

    @Test
    @Order(3)
    void failuresPrintTheManagersMessageAndExitWith1() throws Exception {
        Plinth.Result duplicate = plinth.run(null, "install", "samples/dev.plinth.sample.hello.jar");
        assertEquals(1, duplicate.exit(), duplicate.toString());
        assertTrue(duplicate.err().startsWith("Error: ") && duplicate.err().contains(HELLO), duplicate.toString());

        Plinth.Result missing = plinth.run(null, "enable", "com.example.none");
        assertEquals(1, missing.exit(), missing.toString());
        assertEquals("Error: no plugin com.example.none is installed", missing.err().strip());

        Plinth.Result notAJar = plinth.run(null, "install", "README.md");
        assertEquals(1, notAJar.exit(), notAJar.toString());
        assertEquals("Error: " + plinth.home().resolve("README.md") + " is not a valid jar (zip END header not found)",
                notAJar.err().strip());

        Plinth.Result noFile = plinth.run(null, "install", "samples/none.jar");
        assertEquals(1, noFile.exit(), noFile.toString());
        assertEquals("Error: no such file: " + plinth.home().resolve("samples/none.jar"), noFile.err().strip());

        Plinth.Result usage = plinth.run(null, "enable");
        assertEquals(2, usage.exit(), usage.toString());
        assertTrue(usage.err().contains("enable takes a plugin id"), usage.toString());
    }

    @Test
    @Order(4)
    void theVerbsWithDryRunAndCascade() throws Exception {
        assertEquals("Plan for disable dev.plinth.sample.hello (simulated, nothing changed):",
                ok("disable", "--dry-run", HELLO).out().lines().findFirst().orElseThrow());
        assertTrue(ok("plugins").out().contains("enabled"));
        assertTrue(ok("disable", HELLO).out().startsWith("Disable dev.plinth.sample.hello: done."));
        assertTrue(ok("enable", HELLO).out().startsWith("Enable dev.plinth.sample.hello: done."));

        ok("install", "--enable", "samples/dev.plinth.sample.versioned-1.jar");
        Plinth.Result upgrade = ok("upgrade", VERSIONED, "samples/dev.plinth.sample.versioned-2.jar");
        assertTrue(upgrade.out().startsWith("Upgrade dev.plinth.sample.versioned: done."), upgrade.toString());
        assertTrue(ok("plugins").out().contains(VERSIONED + "  2.0.0"));
        assertTrue(ok("rollback", VERSIONED).out().startsWith("Rollback dev.plinth.sample.versioned: done."));
        assertTrue(ok("plugins").out().contains(VERSIONED + "  1.0.0"));

        assertTrue(ok("remove", "--cascade", VERSIONED).out().startsWith("Remove dev.plinth.sample.versioned: done."));
        assertTrue(!ok("plugins").out().contains(VERSIONED));
    }

    @Test
    @Order(5)
    void historyIsATableOrJson() throws Exception {
        Plinth.Result history = ok("history", "-n", "2");
        List<String> lines = history.out().lines().toList();
        assertEquals(3, lines.size(), history.toString());
        assertTrue(lines.get(0).matches("#\\s+TIME.*"), history.toString());
        assertTrue(lines.get(2).contains("remove") && lines.get(2).contains(VERSIONED)
                && lines.get(2).contains("succeeded") && lines.get(2).contains("cli:" + System.getProperty("user.name")), history.toString());
        Plinth.Result json = ok("history", "--json");
        assertTrue(json.out().strip().startsWith("[") && json.out().contains("\"sequence\": "), json.toString());
    }

    @Test
    @Order(6)
    void eventsFollowsChangesUntilInterrupted() throws Exception {
        Plinth.Running events = plinth.start("events");
        try {
            events.awaitOutput(Pattern.compile("Following plugin events"), Duration.ofSeconds(60));
            ok("disable", HELLO);
            events.awaitOutput(Pattern.compile("disable dev\\.plinth\\.sample\\.hello 1\\.0\\.0: done, installed \\[cli:"
                    + Pattern.quote(System.getProperty("user.name")) + "\\]"),
                    Duration.ofSeconds(60));
        } finally {
            events.signal("INT");
        }
        Plinth.Result interrupted = events.await(Duration.ofSeconds(30));
        assertEquals(130, interrupted.exit(), interrupted.toString());
        assertFalse(interrupted.err().contains("Error"), interrupted.toString());
    }

    private static Plinth.Result ok(String... args) throws Exception {
        Plinth.Result result = plinth.run(null, args);
        assertEquals(0, result.exit(), result.toString());
        return result;
    }

    @Test
    @Order(7)
    void aJarIsReadWhereItIsNamedFromTheWorkingDirectoryNotUploaded() throws Exception {
        Plinth fromSamples = new Plinth(plinth.home()).workingDirectory(plinth.home().resolve("samples"));

        Plinth.Result install = fromSamples.run(null, "install", GREETER_FR_JAR);

        assertEquals(0, install.exit(), install.toString());
        assertTrue(install.out().startsWith("Install dev.plinth.sample.greeter.fr: done."), install.toString());
        assertFalse(install.err().contains("Uploading"), install.toString());
        String source = "\"source\": \"" + plinth.home().resolve("samples/" + GREETER_FR_JAR).toUri() + "\"";
        assertTrue(ok("plugins", "--json").out().contains(source), "the runtime read the jar where it lies");
    }

    @Test
    @Order(8)
    void theVerbsNeverUseTheRestEndpointNorSendTheToken() throws Exception {
        Path endpoint = plinth.home().resolve("data/rest/endpoint");
        String genuine = Files.readString(endpoint);
        StringBuffer received = new StringBuffer();
        try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread listener = new Thread(() -> answerEverything(foreign, received));
            listener.setDaemon(true);
            listener.start();
            Files.writeString(endpoint, "http://127.0.0.1:" + foreign.getLocalPort() + "/\n");

            Plinth.Result plugins = plinth.run(null, "plugins");

            assertEquals(0, plugins.exit(), plugins.toString());
            assertTrue(plugins.out().contains(HELLO), plugins.toString());
            assertEquals("", received.toString());
        } finally {
            Files.writeString(endpoint, genuine);
        }
    }

    @Test
    @Order(9)
    void wordsTheShellWouldInterpretArePassedAsTheyAre() throws Exception {
        Plinth.Result injected = plinth.run(null, "enable", "x; plugin:remove " + HELLO);

        assertEquals(1, injected.exit(), injected.toString());
        assertEquals("Error: no plugin x; plugin:remove " + HELLO + " is installed", injected.err().strip());
        assertTrue(ok("plugins").out().contains(HELLO), "nothing else ran");
    }

    @Test
    @Order(9)
    void aWordThatCannotBePassedIsNamedByPositionAndKeyNeverEchoed() throws Exception {
        Plinth.Result refused = plinth.run(null, "set", HELLO, "some.pid", ".password=QUOTE'SECRET99");

        assertEquals(2, refused.exit(), refused.toString());
        assertTrue(refused.err().contains("argument 3 (the value of .password)"), refused.toString());
        assertFalse((refused.out() + refused.err()).contains("SECRET99"), refused.toString());
    }

    @Test
    @Order(10)
    void theClientsClassArchiveIsMadeOnceAndAnUnusableOneIsLeftOutWithoutAWord() throws Exception {
        Path archive = plinth.home().resolve("data/client/client.jsa");
        Path madeBy = plinth.home().resolve("data/client/client.jsa.java");
        RestRuntime.await(() -> Files.isRegularFile(archive) && Files.isRegularFile(madeBy), "client archive");
        assertTrue(Files.size(archive) > 0, "an archive of the client's classes");

        Files.write(archive, new byte[] {1, 2, 3});
        Plinth.Result plugins = plinth.run(null, "plugins");

        assertEquals(0, plugins.exit(), plugins.toString());
        assertTrue(plugins.out().startsWith("ID "), plugins.toString());
        assertEquals("", plugins.err(), plugins.toString());
    }

    /** A program that answers every request with an empty JSON list and keeps what it received. */
    private static void answerEverything(ServerSocket server, StringBuffer received) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.setSoTimeout(10_000);
                java.io.InputStream in = client.getInputStream();
                StringBuilder request = new StringBuilder();
                int b;
                while (!request.toString().endsWith("\r\n\r\n") && (b = in.read()) >= 0) {
                    request.append((char) b);
                }
                received.append(request);
                client.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 18\r\nConnection: close\r\n\r\n{\"proof\":\"forged\"}")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                // closed by the test, or the client went away
            }
        }
    }
}
