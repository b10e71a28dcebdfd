package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/plinth start} when the REST API's port is taken: a visible failure, and no stale endpoint file. */
class HttpPortIT {

    @TempDir
    Path unpacked;

    @Test
    void aPortAlreadyTakenFailsTheStartAndLeavesNoEndpointFile() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        Path endpoint = plinth.home().resolve("data/rest/endpoint");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Files.createDirectories(endpoint.getParent());
            Files.writeString(endpoint, "http://127.0.0.1:" + port + "/\n");
            plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + port);

            Plinth.Result start = plinth.run(null, "start");

            assertEquals(4, start.exit(), start.toString());
            assertTrue(start.err().contains("plinth: start failed: the HTTP server does not listen on 127.0.0.1 port "
                    + port), start.toString());
            assertTrue(start.err().contains("Plinth did not start (exit status 4)"), start.toString());
            assertFalse((start.out() + start.err()).contains(" ready in "), start.toString());
            String log = Files.readString(plinth.home().resolve("data/log/plinth.log"));
            assertTrue(log.lines().anyMatch(line -> line.contains(" ERROR ")
                    && line.contains("the HTTP server does not listen on 127.0.0.1 port " + port)), log);
            assertFalse(Files.exists(endpoint), "the endpoint file of a previous run is deleted at start");

            Plinth.Result status = plinth.run(null, "status");
            assertEquals(3, status.exit(), status.toString());
        }
    }

    @Test
    void aPortMovedAwayByAConfigurationFileIsNoFailure() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        int free = RestRuntime.freePort();
        Files.writeString(plinth.home().resolve("etc/org.apache.felix.http.cfg"),
                "org.osgi.service.http.port = " + free + "\n");
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + taken.getLocalPort());
            try {
                Plinth.Result start = plinth.run(null, "start");
                assertEquals(0, start.exit(), start.toString());
                assertTrue(start.out().contains(" ready in "), start.toString());
                assertEquals("http://127.0.0.1:" + free + "/",
                        Files.readString(plinth.home().resolve("data/rest/endpoint")).strip());
                Plinth.Result plugins = plinth.run(null, "plugins");
                assertEquals(0, plugins.exit(), plugins.toString());
            } finally {
                plinth.run(null, "stop");
            }
        }
    }

    @Test
    void aConfigurationFileThatCannotBeAppliedLeavesTheServerOnItsDefaults() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        int byDefault = RestRuntime.freePort();
        Files.writeString(plinth.home().resolve("etc/org.apache.felix.http.cfg.json"), "{ \"org.osgi.service.http");
        plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + byDefault);
        try {
            Plinth.Result start = plinth.run(null, "start");
            assertEquals(0, start.exit(), start.toString());
            assertEquals("http://127.0.0.1:" + byDefault + "/",
                    Files.readString(plinth.home().resolve("data/rest/endpoint")).strip());
            Plinth.Result plugins = plinth.run(null, "plugins");
            assertEquals(0, plugins.exit(), plugins.toString());
            String log = Files.readString(plinth.home().resolve("data/log/plinth.log"));
            assertTrue(log.contains("org.apache.felix.http.cfg.json"), "the file's error is logged:\n" + log);
        } finally {
            plinth.run(null, "stop");
        }
    }

    @Test
    void removingTheConfigurationFileGivesTheServerItsDefaultsBack() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        int configured = RestRuntime.freePort();
        int byDefault = RestRuntime.freePort();
        Path file = plinth.home().resolve("etc/org.apache.felix.http.cfg");
        Path endpoint = plinth.home().resolve("data/rest/endpoint");
        Files.writeString(file, "org.osgi.service.http.port = " + configured + "\n");
        plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + byDefault);
        try {
            Plinth.Result start = plinth.run(null, "start");
            assertEquals(0, start.exit(), start.toString());
            assertEquals("http://127.0.0.1:" + configured + "/", Files.readString(endpoint).strip());

            Files.delete(file);

            Await.until("the HTTP server back on the framework's port", Duration.ofSeconds(30),
                    () -> Files.readString(endpoint).strip(), ("http://127.0.0.1:" + byDefault + "/")::equals);
            Plinth.Result plugins = plinth.run(null, "plugins");
            assertEquals(0, plugins.exit(), plugins.toString());
        } finally {
            plinth.run(null, "stop");
        }

        Plinth.Result restart = plinth.run(null, "start");
        try {
            assertEquals(0, restart.exit(), restart.toString());
            assertEquals("http://127.0.0.1:" + byDefault + "/", Files.readString(endpoint).strip());
        } finally {
            plinth.run(null, "stop");
        }
    }

    @Test
    void aPortThatIsNoPortFailsTheStartNamingItInsteadOfListeningOnJettysDefault() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        Files.writeString(plinth.home().resolve("etc/org.apache.felix.http.cfg"),
                "org.osgi.service.http.port = abc\n");

        Plinth.Result start = plinth.run(null, "start");

        assertEquals(4, start.exit(), start.toString());
        assertTrue(start.err().contains("plinth: start failed: the HTTP server's port is \"abc\" "
                + "(org.osgi.service.http.port, in the configuration org.apache.felix.http), which Felix HTTP cannot "
                + "read: it listens on Jetty's default, 8080, instead"), start.toString());
        assertFalse((start.out() + start.err()).contains(" ready in "), start.toString());
        assertEquals(3, plinth.run(null, "status").exit());
    }

    @Test
    void aTakenPortOfTheConfigurationFileIsTheOneNamed() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Files.writeString(plinth.home().resolve("etc/org.apache.felix.http.cfg"),
                    "org.osgi.service.http.port = " + taken.getLocalPort() + "\n");
            plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + RestRuntime.freePort());

            Plinth.Result start = plinth.run(null, "start");

            assertEquals(4, start.exit(), start.toString());
            assertTrue(start.err().contains("the HTTP server does not listen on 127.0.0.1 port "
                    + taken.getLocalPort() + ":"), start.toString());
        }
    }

    @Test
    void aNegativePortTurnsHttpOffAndTheRuntimeStillStarts() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=-1");

        try {
            Plinth.Result start = plinth.run(null, "start");

            assertEquals(0, start.exit(), start.toString());
            assertTrue(start.out().contains(" ready in "), start.toString());
            assertFalse(Files.exists(plinth.home().resolve("data/rest/endpoint")), start.toString());
        } finally {
            plinth.run(null, "stop");
        }
    }

    @Test
    void aTakenPortAfterARunWithHttpOffFailsTheStart() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        Path file = plinth.home().resolve("etc/org.apache.felix.http.cfg");
        Files.writeString(file, "org.osgi.service.http.port = -1\n");
        try {
            assertEquals(0, plinth.run(null, "start").exit());
        } finally {
            plinth.run(null, "stop");
        }
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Files.writeString(file, "org.osgi.service.http.port = " + taken.getLocalPort() + "\n");

            Plinth.Result start = plinth.run(null, "start");

            assertEquals(4, start.exit(), "the configuration kept from the run with HTTP off no longer counts\n"
                    + start);
            assertTrue(start.err().contains("the HTTP server does not listen on 127.0.0.1 port "
                    + taken.getLocalPort() + ":"), start.toString());
        }
    }
}
