package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/** {@code GET /api/events} as a client follows it, and the OpenAPI document, on a running daemon. */
class RestEventsIT {

    private static final String HELLO = "dev.plinth.sample.hello";

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(1024 * 1024));
    }

    @Test
    void theStreamCarriesEveryOperationAsItHappens() throws Exception {
        try (Stream stream = viewerStream()) {
            assertEquals(200, stream.status());
            assertEquals("text/event-stream", stream.contentType());
            assertEquals(": subscribed", stream.next(), "the stream says when it follows");

            assertEquals(201, rest.upload("/api/plugins?enable", rest.home().resolve(
                    "samples/dev.plinth.sample.hello.jar")).status());
            Frame install = stream.frame();
            assertEquals("install", install.event());
            assertEquals(HELLO, install.data().getString("id"));
            assertEquals("enabled", install.data().getString("state"));
            assertTrue(install.data().getBoolean("succeeded"));
            assertEquals("rest:admin", install.data().getString("origin"));
            assertEquals("rest", install.data().getString("channel"));
            assertEquals("admin", install.data().getString("by"));

            assertEquals("PROTECTED", rest.delete("/api/plugins/org.apache.felix.scr").problem(409));
            Frame refused = stream.frame();
            assertEquals("remove", refused.event());
            assertFalse(refused.data().getBoolean("succeeded"));
            assertEquals("PROTECTED", refused.data().getString("code"));

            assertEquals(200, rest.post("/api/plugins/" + HELLO + "/disable").status());
            Frame disable = stream.frame();
            assertEquals("disable", disable.event());
            assertEquals("installed", disable.data().getString("state"));
            assertTrue(Long.parseLong(disable.id()) > Long.parseLong(install.id()));
        }
    }

    @Test
    void aRefusedSettingsChangeIsAFailureOnTheStreamAsInTheHistory() throws Exception {
        String settings = "dev.plinth.sample.settings";
        assertEquals(201, rest.upload("/api/plugins?enable", rest.home().resolve(
                "samples/dev.plinth.sample.settings.jar")).status());
        try (Stream stream = Stream.open(rest.adminToken())) {
            assertEquals(": subscribed", stream.next());
            RestRuntime.Response refused = rest.send(rest.request("/api/plugins/" + settings + "/settings",
                    rest.adminToken()).header("Content-Type", "application/json").method("PATCH",
                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"pid\": \"sample.settings.mail\", \"set\": {\"port\": \"70001\"}}")));
            assertEquals("INVALID_SETTINGS", refused.problem(422));
            Frame event = stream.frame();
            assertEquals("settings", event.event());
            assertEquals(settings, event.data().getString("id"));
            assertFalse(event.data().getBoolean("succeeded"), event.data().toString());
            assertEquals("INVALID_SETTINGS", event.data().getString("code"), event.data().toString());
        }
        String history = rest.get("/api/history").body();
        assertTrue(history.contains("refused (invalid-settings)"), "the history says failed too: " + history);
    }

    @Test
    void theStreamNeedsAToken() throws Exception {
        try (Stream stream = Stream.open(null)) {
            assertEquals(401, stream.status());
        }
    }

    @Test
    void theOpenApiDocumentDescribesEveryEndpoint() throws Exception {
        Response document = rest.get("/api/openapi.json", RestRuntime.VIEWER);
        assertEquals(200, document.status(), document.toString());
        assertEquals("application/json", document.contentType());
        JsonObject openapi = document.object();
        assertTrue(openapi.getString("openapi").startsWith("3."));
        assertEquals(Set.of("/api/plugins", "/api/plugins/{id}", "/api/plugins/{id}/enable",
                "/api/plugins/{id}/disable", "/api/plugins/{id}/upgrade", "/api/plugins/{id}/rollback", "/api/plugins/{id}/settings",
                "/api/plugins/{id}/storage", "/api/plugins/{id}/health", "/api/storage",
                "/api/history", "/api/health", "/api/events", "/api/openapi.json", "/api/catalog",
                "/api/catalog/outdated", "/api/catalog/{id}/install", "/api/catalog/{id}/update", "/api/catalog/update",
                "/api/catalog/pins", "/api/catalog/pins/{id}", "/api/catalog/export", "/api/catalog/apply", "/api/identity",
                "/api/session", "/api/deploy", "/api/fleet", "/api/fleet/nodes", "/api/fleet/nodes/{name}",
                "/api/fleet/generations", "/api/fleet/generations/{number}", "/api/fleet/rollback"),
                openapi.getJsonObject("paths").keySet());
    }

    @Test
    void oneViewerTokenCannotTakeEverySlotFromTheAdmin() throws Exception {
        List<Stream> viewers = new ArrayList<>();
        try {
            String[] spellings = {"Bearer ", "bearer ", "BEARER ", "Bearer  "};
            Stream refused = null;
            for (int i = 0; i <= 16 && refused == null; i++) {
                Stream stream = Stream.openWith(spellings[i % spellings.length] + RestRuntime.VIEWER);
                viewers.add(stream);
                if (stream.status() != 200) {
                    refused = stream;
                }
            }
            assertEquals(5, viewers.size(), "a viewer token follows 4 times of 16 at most, however it is spelt");
            assertEquals("TOO_MANY_CLIENTS", refused.problem());
            try (Stream admin = Stream.open(rest.adminToken())) {
                assertEquals(200, admin.status(), "the admin still finds a slot");
                assertEquals(": subscribed", admin.next());
            }
        } finally {
            for (Stream stream : viewers) {
                stream.close();
            }
        }
        awaitViewerSlot();
    }

    /** The server frees a slot when its keep-alive finds the client gone; wait for that, for the other tests. */
    private static void awaitViewerSlot() throws Exception {
        viewerStream().close();
    }

    /**
     * A viewer's stream, once the server has a slot for it: a stream another test closed holds its slot until the
     * server's keep-alive finds the client gone, so a refusal (503, which holds no slot) is tried again within the
     * bound.
     */
    private static Stream viewerStream() throws Exception {
        long deadline = System.nanoTime() + RestRuntime.BOUND.toNanos();
        while (true) {
            Stream stream = Stream.open(RestRuntime.VIEWER);
            if (stream.status() == 200) {
                return stream;
            }
            stream.close();
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no event stream slot for the viewer within " + RestRuntime.BOUND);
            }
            Thread.sleep(200);
        }
    }

    /** A Server-Sent Events stream read line by line in the background. */
    private static final class Stream implements AutoCloseable {

        private final HttpResponse<InputStream> response;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        private final Thread reader;

        private Stream(HttpResponse<InputStream> response) {
            this.response = response;
            this.reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** A stream requested with {@code authorization} as the whole Authorization header. */
        static Stream openWith(String authorization) throws Exception {
            return new Stream(rest.http().send(rest.request("/api/events", null).header("Authorization", authorization)
                    .GET().build(), BodyHandlers.ofInputStream()));
        }

        /** The code of the problem this stream was refused with; fails unless it was a 503 problem. */
        String problem() throws Exception {
            assertEquals(503, status());
            assertEquals("application/problem+json", contentType());
            StringBuilder body = new StringBuilder();
            String line;
            while ((line = lines.poll(RestRuntime.BOUND.toSeconds(), TimeUnit.SECONDS)) != null && !line.isEmpty()) {
                body.append(line);
                if (body.toString().strip().endsWith("}")) {
                    break;
                }
            }
            return Json.createReader(new StringReader(body.toString())).readObject().getString("code");
        }

        static Stream open(String token) throws Exception {
            return new Stream(rest.http().send(rest.request("/api/events", token).GET().build(),
                    BodyHandlers.ofInputStream()));
        }

        int status() {
            return response.statusCode();
        }

        String contentType() {
            return response.headers().firstValue("Content-Type").orElse("").split(";")[0];
        }

        /** The next line that is not blank; fails after the bound. */
        String next() throws InterruptedException {
            while (true) {
                String line = lines.poll(RestRuntime.BOUND.toSeconds(), TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("nothing on the event stream within " + RestRuntime.BOUND);
                }
                if (!line.isBlank()) {
                    return line;
                }
            }
        }

        /** The next event frame, skipping comments. */
        Frame frame() throws InterruptedException {
            List<String> fields = new ArrayList<>();
            String line = next();
            while (line.startsWith(":")) {
                line = next();
            }
            fields.add(line);
            while (true) {
                String more = lines.poll(RestRuntime.BOUND.toSeconds(), TimeUnit.SECONDS);
                if (more == null || more.isEmpty()) {
                    break;
                }
                fields.add(more);
            }
            return Frame.of(fields);
        }

        @Override
        public void close() throws Exception {
            response.body().close();
            reader.interrupt();
        }
    }

    private record Frame(String id, String event, JsonObject data) {

        static Frame of(List<String> fields) {
            String id = null;
            String event = null;
            JsonObject data = null;
            for (String field : fields) {
                String value = field.substring(field.indexOf(':') + 1).strip();
                if (field.startsWith("id:")) {
                    id = value;
                } else if (field.startsWith("event:")) {
                    event = value;
                } else if (field.startsWith("data:")) {
                    data = Json.createReader(new StringReader(value)).readObject();
                }
            }
            if (id == null || event == null || data == null) {
                throw new AssertionError("an incomplete frame: " + fields);
            }
            return new Frame(id, event, data);
        }
    }
}
