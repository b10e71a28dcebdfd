package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** Catalogues that misbehave: an index entry whose jar holds another plugin, and a server that trickles its index. */
class HostileCatalogIT {

    @TempDir
    static Path unpacked;

    @TempDir
    static Path work;

    private static final CountDownLatch STOP = new CountDownLatch(1);
    private static HttpServer server;
    private static Plinth plinth;
    private static String slowIndex;

    @BeforeAll
    static void start() throws Exception {
        TestCatalog catalog = new TestCatalog(work.resolve("impostor"));
        catalog.bundle("org.example.honest", "1.0.0").holding("org.example.other", "1.0.0");
        catalog.write();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/slow/index.xml", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("<?xml version='1.0'?>\n<repository>".getBytes(StandardCharsets.UTF_8));
                body.flush();
                for (int i = 0; i < 1200 && !STOP.await(100, TimeUnit.MILLISECONDS); i++) {
                    body.write(' ');
                    body.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the runtime gave up reading
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        slowIndex = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow/index.xml";
        plinth = new Plinth(Distribution.unpack(unpacked));
        Files.writeString(plinth.home().resolve("etc/dev.plinth.catalog.cfg.json"),
                "{\"catalogs\": [\"" + catalog.folder().toUri() + "\", \"" + slowIndex + "\"], \"timeout.ms\": 1500}\n");
    }

    @AfterAll
    static void stop() {
        STOP.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void anIndexEntryWhoseJarHoldsAnotherPluginInstallsNothing() throws Exception {
        Plinth.Result install = plinth.run(null, "exec", "plugin:install org.example.honest");

        assertEquals(1, install.exit(), install.toString());
        assertTrue(install.err().contains("Error: the archive of org.example.honest 1.0.0 from "), install.toString());
        assertTrue(install.err().contains(" holds org.example.other 1.0.0, not what its index entry names; nothing was"
                + " installed"), install.toString());
        Plinth.Result list = plinth.run(null, "exec", "plugin:list --all");
        assertEquals(0, list.exit(), list.toString());
        assertFalse(list.out().contains("org.example.other"), list.toString());
        assertFalse(list.out().contains("org.example.honest"), list.toString());
    }

    @Test
    void aCatalogueThatTricklesItsIndexIsGivenUpAfterItsTimeout() throws Exception {
        Plinth.Result install = plinth.run(null, "exec", "plugin:install org.example.nowhere");

        assertEquals(1, install.exit(), install.toString());
        assertTrue(install.err().contains("catalogue " + slowIndex + " cannot be read: " + slowIndex
                + " did not arrive within 1500 ms"), install.toString());
    }

    @Test
    void aPluginNoCatalogueOffersCannotBeUpdatedAndTheAnswerSaysWhy() throws Exception {
        Path jar = TestBundles.empty(work.resolve("local.jar"), "org.example.local", "1.0.0");
        Plinth.Result installed = plinth.run(null, "exec", "plugin:install " + jar);
        assertEquals(0, installed.exit(), installed.toString());

        Plinth.Result update = plinth.run(null, "exec", "plugin:update org.example.local");

        assertEquals(1, update.exit(), update.toString());
        assertTrue(update.err().contains("Error: no catalogue offers org.example.local, so it cannot be updated ("),
                update.toString());
        assertTrue(update.err().contains("plugin:upgrade org.example.local <file> upgrades it from an archive"),
                update.toString());
    }
}
