package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

/** A catalogue served over HTTP with a gzipped index, beside one that cannot be reached. */
class RemoteCatalogIT {

    @TempDir
    static Path unpacked;

    @TempDir
    static Path work;

    private static HttpServer server;
    private static Plinth plinth;

    @BeforeAll
    static void serveACatalogue() throws Exception {
        TestCatalog catalog = new TestCatalog(work.resolve("served"));
        catalog.bundle("org.example.lib", "1.0.0").exports("org.example.lib", "1.0.0");
        catalog.bundle("org.example.app", "1.0.0").imports("org.example.lib", "1.0.0", "2.0.0");
        Path index = catalog.write();
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(catalog.folder().resolve("index.xml.gz")))) {
            out.write(Files.readAllBytes(index));
        }
        Files.delete(index);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Path file = catalog.folder().resolve(exchange.getRequestURI().getPath().substring(1));
            if (!Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, Files.size(file));
            try (OutputStream body = exchange.getResponseBody()) {
                Files.copy(file, body);
            }
        });
        server.start();
        plinth = new Plinth(Distribution.unpack(unpacked));
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        Files.writeString(plinth.home().resolve("etc/dev.plinth.catalog.cfg.json"),
                "{\"catalogs\": [\"" + base + "missing/index.xml\", \"" + base + "index.xml.gz\"]}\n");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void aPluginAndItsLibraryComeOverHttpAndAnUnreachableCatalogueIsSkipped() throws IOException,
            InterruptedException {
        Plinth.Result install = plinth.run(null, "exec", "plugin:install --enable org.example.app");
        assertEquals(0, install.exit(), install.toString());
        assertEquals(List.of(
                "Install org.example.app: done.",
                "  1. add-library org.example.lib 1.0.0  needed by org.example.app",
                "  2. install     org.example.app 1.0.0",
                "  3. start       org.example.lib 1.0.0  library",
                "  4. start       org.example.app 1.0.0",
                "Refresh: none"), install.out().lines().toList(), install.toString());

        Plinth.Result missing = plinth.run(null, "exec", "plugin:install org.example.nowhere");
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("no catalogue offers org.example.nowhere (catalogue http://127.0.0.1:"
                + server.getAddress().getPort() + "/missing/index.xml cannot be read: "), missing.toString());
        assertTrue(missing.err().contains("answered HTTP 404"), missing.toString());
    }
}
