package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonObject;

/**
 * The API stays closed whenever the token check cannot run: an admin token file that cannot be read closes it
 * (plugins' routes too) with a failed health and a log line naming the file, and leaves the file as it is; a
 * configuration rewritten under load never lets a request without a token through.
 */
class RestFailClosedIT {

    private static final String NOT_THE_TOKEN = "not-the-admin-token-0123456789";
    private static final String GREETING = "/api/plugin/dev.plinth.sample.routes/greeting";

    @TempDir
    Path unpacked;

    @Test
    void anAdminTokenFileThatIsNotUtf8ClosesTheApiAndIsLeftAsItIs() throws Exception {
        Plinth plinth = home();
        Plinth.Result installed = plinth.run(null, "exec", "plugin:install --enable "
                + "samples/dev.plinth.sample.hello.jar samples/dev.plinth.sample.routes.jar");
        assertEquals(0, installed.exit(), installed.toString());
        Path token = plinth.home().resolve("data/rest/admin.token");
        Files.createDirectories(token.getParent());
        byte[] bytes = {(byte) 0xff, (byte) 0xfe, 'n', 'o', 't', ' ', (byte) 0xc3, '(', 'u', 't', 'f', '-', '8', ' ',
            't', 'e', 'x', 't', '\n'};
        Files.write(token, bytes);

        try (RestRuntime rest = RestRuntime.startWithToken(plinth, RestRuntime.freePort(), NOT_THE_TOKEN)) {
            assertClosed(rest);
            assertEquals("API_CLOSED", rest.get(GREETING, null).problem(503), "plugins' routes are closed too");
            assertEquals("API_CLOSED", rest.get(GREETING, RestRuntime.VIEWER).problem(503));
            assertArrayEquals(bytes, Files.readAllBytes(token), "the file is left as it is");
            String log = Files.readString(plinth.home().resolve("data/log/plinth.log"));
            assertTrue(log.contains("The REST API is closed: the admin token file ") && log.contains(
                    "admin.token cannot be read: it does not hold UTF-8 text"), log);
        }
        Plinth.Result list = plinth.run(null, "exec", "plugin:list");
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith("dev.plinth.sample.hello ")
                && line.contains(" enabled ")), "the tokenless disable did nothing: " + list);
    }

    @Test
    void aDirectoryInPlaceOfTheAdminTokenFileClosesTheApi() throws Exception {
        Plinth plinth = home();
        Path token = Files.createDirectories(plinth.home().resolve("data/rest/admin.token"));

        try (RestRuntime rest = RestRuntime.startWithToken(plinth, RestRuntime.freePort(), NOT_THE_TOKEN)) {
            assertClosed(rest);
            assertTrue(Files.isDirectory(token));
            String log = Files.readString(plinth.home().resolve("data/log/plinth.log"));
            assertTrue(log.contains("admin.token cannot be read: it is a directory"), log);
        }
    }

    @Test
    void rewritingTheConfigurationUnderLoadNeverLetsARequestWithoutATokenThrough() throws Exception {
        try (RestRuntime rest = RestRuntime.start(unpacked, RestRuntime.configuration(1024 * 1024))) {
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Queue<String> passed = new ConcurrentLinkedQueue<>();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread client = new Thread(() -> {
                    while (loading.get()) {
                        try {
                            Response pins = rest.sendUnchecked(rest.request("/api/catalog/pins", null).build());
                            Response pin = rest.sendUnchecked(rest.request("/api/catalog/pins/dev.plinth.sample.hello",
                                    null).PUT(BodyPublishers.noBody()).build());
                            sent.addAndGet(2);
                            if (pins.status() < 300 || pin.status() < 300) {
                                passed.add(pins + " / " + pin);
                            }
                        } catch (Exception e) {
                            passed.add(e.toString());
                        }
                    }
                });
                client.start();
                clients.add(client);
            }
            try {
                for (int i = 0; i < 6; i++) {
                    String viewer = "viewer-rewritten-" + i + "-" + UUID.randomUUID();
                    Path written = rest.home().resolve("etc/rest.json.tmp");
                    Files.writeString(written, "{\"viewer.tokens\": [\"" + viewer + "\"]}");
                    Files.move(written, rest.home().resolve("etc/dev.plinth.rest.cfg.json"),
                            StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                    RestRuntime.await(() -> status(rest, "/api/history", viewer) == 200,
                            "the rewritten configuration's viewer token accepted");
                }
            } finally {
                loading.set(false);
                for (Thread client : clients) {
                    client.join(RestRuntime.BOUND.toMillis());
                }
            }
            assertTrue(sent.get() > 100, "sent " + sent);
            assertEquals(List.of(), List.copyOf(passed), "of " + sent + " requests without a token");
        }
    }

    @Test
    void whileTheRestBundleIsStoppedNoRouteIsServed() throws Exception {
        Plinth plinth = home();
        Plinth.Result installed = plinth.run(null, "exec", "plugin:install --enable "
                + "samples/dev.plinth.sample.routes.jar");
        assertEquals(0, installed.exit(), installed.toString());

        try (RestRuntime rest = RestRuntime.start(plinth, RestRuntime.freePort(), "batch")) {
            RestRuntime.await(() -> status(rest, GREETING, rest.adminToken()) == 200, "the plugin's route");
            rest.process().write("lb -s dev.plinth.rest\n");
            Pattern active = Pattern.compile("(\\d+)\\|Active\\s*\\|\\s*\\d+\\|dev\\.plinth\\.rest ");
            String bundle = rest.process().awaitOutput(active, Plinth.BOUND).group(1);

            rest.process().write("stop " + bundle + "\n");
            List<Integer> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
            RestRuntime.await(() -> {
                int status = status(rest, GREETING, null);
                seen.add(status);
                return status != 401;
            }, "the token check gone with its bundle");
            assertTrue(seen.stream().noneMatch(status -> status / 100 == 2),
                    "the plugin's route was served without a token while the REST bundle stopped: " + seen);
            assertEquals("API_CLOSED", rest.get(GREETING, null).problem(503), "the plugin's route is closed");
            assertEquals("API_CLOSED", rest.get(GREETING).problem(503));
            assertEquals("API_CLOSED", rest.get("/api/history", null).problem(503));

            rest.process().write("start " + bundle + "\n");
            RestRuntime.await(() -> status(rest, GREETING, rest.adminToken()) == 200, "the plugin's route again");
            assertEquals("MISSING_TOKEN", rest.get(GREETING, null).problem(401));
            RestRuntime.await(() -> status(rest, "/api/history", rest.adminToken()) == 200, "the API again");
        }
    }

    private Plinth home() throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(unpacked));
        Files.writeString(plinth.home().resolve("etc/dev.plinth.rest.cfg.json"),
                RestRuntime.configuration(1024 * 1024));
        return plinth;
    }

    /** Every request is refused with 503, whatever token it carries, and the health says failed. */
    private static void assertClosed(RestRuntime rest) throws Exception {
        assertEquals("API_CLOSED", rest.method("POST", "/api/plugins/dev.plinth.sample.hello/disable", null)
                .problem(503));
        assertEquals("API_CLOSED", rest.post("/api/plugins/dev.plinth.sample.hello/disable").problem(503));
        assertEquals("API_CLOSED", rest.get("/api/plugins", RestRuntime.VIEWER).problem(503));
        Response detail = rest.get("/api/history", null);
        assertFalse(detail.body().contains(rest.home().toString()), "no path of the home to clients: " + detail);
        Response health = rest.get("/api/health", null);
        assertEquals(503, health.status(), health.toString());
        JsonObject answer = health.object();
        assertEquals("failed", answer.getString("status"), health.toString());
        assertFalse(answer.getBoolean("ready"));
        assertTrue(answer.getString("reason").contains("admin token file cannot be read"), health.toString());
    }

    private static int status(RestRuntime rest, String path, String token) {
        try {
            return rest.sendUnchecked(rest.request(path, token).build()).status();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
