package dev.plinth.catalog.internal;

import static dev.plinth.catalog.internal.TestIndexes.library;
import static dev.plinth.catalog.internal.TestIndexes.repository;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpServer;

class CataloguesTest {

    private static final long LIMIT = 1 << 20;
    private static final FileTime FIRST = FileTime.from(Instant.parse("2024-05-01T10:00:00Z"));
    private static final FileTime SECOND = FileTime.from(Instant.parse("2024-05-01T10:00:05Z"));

    @TempDir
    Path dir;

    private Catalogues catalogues(long maxBytes, URI... indexes) {
        return new Catalogues(List.of(indexes), new Locations(dir, Duration.ofSeconds(5), Duration.ofSeconds(5)), maxBytes,
                Duration.ofMinutes(5), Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC),
                TestResources.silentLogger());
    }

    private Path index(String name, FileTime modified, String... resources) throws IOException {
        Path file = Files.createDirectories(dir.resolve(name)).resolve("index.xml");
        Files.writeString(file, repository(resources));
        Files.setLastModifiedTime(file, modified);
        return file;
    }

    private static List<String> labels(Catalogues.Contents contents) {
        return contents.resources().stream().map(IndexResource::label).toList();
    }

    @Test
    void readsEveryCatalogueInOrder() throws Exception {
        URI stable = index("stable", FIRST, library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar")).toUri();
        URI extra = index("extra", FIRST, library("b", "2.0.0", TestIndexes.TEXT_SHA, "b.jar"),
                library("a", "1.1.0", TestIndexes.TEXT_SHA, "a.jar")).toUri();

        Catalogues.Contents contents = catalogues(LIMIT, stable, extra).contents();

        assertEquals(List.of("a 1.0.0", "b 2.0.0", "a 1.1.0"), labels(contents));
        assertEquals(List.of(), contents.problems());
        assertEquals(stable.resolve("a.jar"), contents.resources().get(0).location());
    }

    @Test
    void anUnchangedFileIndexIsNotReadAgain() throws Exception {
        Path file = index("stable", FIRST, library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar"));
        Catalogues catalogues = catalogues(LIMIT, file.toUri());
        List<IndexResource> first = catalogues.contents().resources();
        Files.writeString(file, "x".repeat((int) Files.size(file)));
        Files.setLastModifiedTime(file, FIRST);

        Catalogues.Contents again = catalogues.contents();

        assertEquals(List.of(), again.problems());
        assertEquals(List.of("a 1.0.0"), labels(again));
        assertSame(first.get(0), again.resources().get(0));
    }

    @Test
    void aFileIndexRewrittenWithinTheSameTimeIsReadAgainWhenItsSizeChanged() throws Exception {
        Path file = index("stable", FIRST, library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar"));
        Catalogues catalogues = catalogues(LIMIT, file.toUri());
        assertEquals(List.of("a 1.0.0"), labels(catalogues.contents()));
        Files.writeString(file, repository(library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar"),
                library("a", "1.1.0", TestIndexes.TEXT_SHA, "a-1.1.jar")));
        Files.setLastModifiedTime(file, FIRST);

        assertEquals(List.of("a 1.0.0", "a 1.1.0"), labels(catalogues.contents()));
    }

    @Test
    void aChangedFileIndexIsReadAgain() throws Exception {
        Path file = index("stable", FIRST, library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar"));
        Catalogues catalogues = catalogues(LIMIT, file.toUri());
        assertEquals(List.of("a 1.0.0"), labels(catalogues.contents()));
        Files.writeString(file, repository(library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar"),
                library("a", "1.1.0", TestIndexes.TEXT_SHA, "a-1.1.jar")));
        Files.setLastModifiedTime(file, SECOND);

        assertEquals(List.of("a 1.0.0", "a 1.1.0"), labels(catalogues.contents()));
    }

    @Test
    void anUnreadableCatalogueIsAProblemAndTheOthersStillCount() throws Exception {
        URI missing = dir.resolve("missing").resolve("index.xml").toUri();
        Path broken = dir.resolve("broken.xml");
        Files.writeString(broken, "<foo/>");
        URI good = index("good", FIRST, library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar")).toUri();

        Catalogues.Contents contents = catalogues(LIMIT, missing, broken.toUri(), good).contents();

        assertEquals(List.of("a 1.0.0"), labels(contents));
        assertEquals(2, contents.problems().size());
        assertTrue(contents.problems().get(0).startsWith("catalogue " + missing + " cannot be read"),
                contents.problems().get(0));
        assertTrue(contents.problems().get(1).contains(broken.toUri().toString()), contents.problems().get(1));
        assertTrue(contents.problems().get(1).contains("not a repository index"), contents.problems().get(1));
    }

    @Test
    void anIndexAboveTheLimitIsAProblem() throws Exception {
        Path file = index("big", FIRST, library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar"));

        Catalogues.Contents contents = catalogues(Files.size(file) - 1, file.toUri()).contents();

        assertEquals(List.of(), contents.resources());
        assertEquals(1, contents.problems().size());
        assertTrue(contents.problems().get(0).contains("larger than"), contents.problems().get(0));
    }

    @Test
    void aCatalogueThatBecomesReadableIsReadOnTheNextCall() throws Exception {
        Path file = dir.resolve("later").resolve("index.xml");
        Catalogues catalogues = catalogues(LIMIT, file.toUri());
        assertEquals(1, catalogues.contents().problems().size());

        index("later", FIRST, library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar"));
        Catalogues.Contents contents = catalogues.contents();

        assertEquals(List.of(), contents.problems());
        assertEquals(List.of("a 1.0.0"), labels(contents));
    }
    @Test
    void aRemoteIndexIsFetchedAgainOnlyAfterTheRefreshInterval() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        byte[] index = TestIndexes.utf8(repository(library("a", "1.0.0", TestIndexes.TEXT_SHA, "a.jar")));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/stable/index.xml", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, index.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(index);
            }
        });
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stable/index.xml");
            MovableClock clock = new MovableClock(Instant.parse("2024-05-01T12:00:00Z"));
            Catalogues catalogues = new Catalogues(List.of(uri), new Locations(dir, Duration.ofSeconds(5), Duration.ofSeconds(5)), LIMIT,
                    Duration.ofMinutes(5), clock, TestResources.silentLogger());

            assertEquals(List.of("a 1.0.0"), labels(catalogues.contents()));
            clock.now = clock.now.plus(Duration.ofMinutes(4));
            assertEquals(List.of("a 1.0.0"), labels(catalogues.contents()));
            assertEquals(1, requests.get());

            clock.now = clock.now.plus(Duration.ofMinutes(2));
            Catalogues.Contents contents = catalogues.contents();

            assertEquals(2, requests.get());
            assertEquals(List.of("a 1.0.0"), labels(contents));
            assertEquals(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/stable/a.jar"),
                    contents.resources().get(0).location());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aRemoteIndexThatIsNotThereIsAProblem() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/none/index.xml");

            Catalogues.Contents contents = catalogues(LIMIT, uri).contents();

            assertEquals(List.of(), contents.resources());
            assertEquals(1, contents.problems().size());
            assertTrue(contents.problems().get(0).contains("HTTP 404"), contents.problems().get(0));
        } finally {
            server.stop(0);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aRemoteIndexThatTricklesIsGivenUpAfterTheTimeout() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow/index.xml", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write("<?xml version='1.0'?>\n<repository>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.flush();
                while (!done.await(100, TimeUnit.MILLISECONDS)) {
                    body.write(' ');
                    body.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the client gave up
            }
        });
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        try {
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slow/index.xml");
            Catalogues catalogues = new Catalogues(List.of(uri), new Locations(dir, Duration.ofMillis(700),
                    Duration.ofSeconds(5)), LIMIT, Duration.ofMinutes(5), Clock.systemUTC(),
                    TestResources.silentLogger());

            Catalogues.Contents contents = CompletableFuture.supplyAsync(catalogues::contents)
                    .get(30, TimeUnit.SECONDS);

            assertEquals(List.of(), contents.resources());
            assertEquals(List.of("catalogue " + uri + " cannot be read: " + uri + " did not arrive within 700 ms"),
                    contents.problems());
        } finally {
            done.countDown();
            server.stop(0);
        }
    }

    @Test
    void aFailureWithoutAMessageIsStillSaidInWords() {
        assertEquals("unknown host plugins.example.com",
                Catalogues.reason(new java.net.UnknownHostException("plugins.example.com")));
        assertEquals("cannot connect", Catalogues.reason(new java.net.ConnectException()));
        assertEquals("EOFException", Catalogues.reason(new java.io.EOFException()));
        assertEquals("no such file", Catalogues.reason(new IOException("no such file")));
    }
}
