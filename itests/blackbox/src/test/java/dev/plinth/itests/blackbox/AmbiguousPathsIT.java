package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths the HTTP server refuses before any endpoint runs: an encoded slash ({@code %2F}), an encoded dot segment or
 * percent sign, an empty segment ({@code //}). They never reach the management API or a plugin's route, with or
 * without a token, and are never decoded into a path a route would match. The requests go out on raw sockets, so
 * that no client normalises the path first.
 */
class AmbiguousPathsIT {

    private static final String ROUTES = "dev.plinth.sample.routes";
    private static final String GREETING = "/api/plugin/" + ROUTES + "/greeting";
    private static final String SCR = "org.apache.felix.scr";

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(1024 * 1024));
        assertEquals(201, rest.upload("/api/plugins?enable", rest.home().resolve("samples/" + ROUTES + ".jar"))
                .status());
        RestRuntime.await(() -> {
            try {
                return raw(GREETING, rest.adminToken()).status() == 200;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, GREETING + " answering 200");
    }

    @Test
    void anAmbiguousPathNeverReachesTheManagementApi() throws Exception {
        assertEquals(200, raw("/api/plugins/" + SCR, rest.adminToken()).status(), "the plain path is served");
        assertEquals(401, raw("/api/plugins/" + SCR, null).status(), "the plain path needs a token");

        assertRefusedForEveryone("/api/plugins%2F" + SCR, "\"id\"");
        assertRefusedForEveryone("/api/plugins%2f" + SCR, "\"id\"");
        assertRefusedForEveryone("/api%2Fplugins", "\"id\"");
        assertRefusedForEveryone("/api//plugins", "\"id\"");
        assertRefusedForEveryone("/api/plugins//" + SCR, "\"id\"");
        assertRefusedForEveryone("/api/plugins%252F" + SCR, "\"id\"");
        assertRefusedForEveryone("/api/plugins/.%2F" + SCR, "\"id\"");
    }

    @Test
    void theEndpointThatNeedsNoTokenOpensNoOtherPath() throws Exception {
        assertRefusedForEveryone("/api/identity%2F..%2Fplugins", "\"id\"");
        assertRefusedForEveryone("/api/identity/%2E%2E/plugins", "\"id\"");
        assertRefusedForEveryone("/api/identity/..;/plugins", "\"id\"");

        Raw resolved = raw("/api/identity/../plugins", null);
        assertEquals(401, resolved.status(), "a dot segment is resolved before the token check: " + resolved);
        assertEquals(200, raw("/api/identity/../plugins", rest.adminToken()).status());
    }

    @Test
    void anAmbiguousPathNeverReachesAPluginsRoute() throws Exception {
        assertRefusedForEveryone("/api/plugin/" + ROUTES + "%2Fgreeting", "Hello");
        assertRefusedForEveryone("/api/plugin//" + ROUTES + "/greeting", "Hello");
        assertRefusedForEveryone("/api/plugin/" + ROUTES + "//greeting", "Hello");
        assertRefusedForEveryone("/api/plugin/other/..%2F" + ROUTES + "/greeting", "Hello");
        assertRefusedForEveryone("/api/plugin/" + ROUTES + "/%2E%2E/" + ROUTES + "/greeting", "Hello");
        assertRefusedForEveryone("/api/plugin/" + ROUTES + "%252Fgreeting", "Hello");
        assertRefusedForEveryone("/api/plugins%2F..%2Fplugin/" + ROUTES + "/greeting", "Hello");
        assertRefusedForEveryone(GREETING + "%2F", "Hello");
    }

    /**
     * The server answers these itself, before any servlet (Felix HTTP offers no way to replace the error handler of
     * its Jetty server), with an empty answer that runs nothing and cannot be framed: a page of the console's origin
     * without the console's policy would let code in the console (a trusted plugin's page) frame it and load scripts
     * from elsewhere there.
     */
    @Test
    void theServerAnswersItselfWithAnInertUnframeableAnswer() throws Exception {
        char[] segment = new char[20_000];
        Arrays.fill(segment, 'a');
        List<Raw> answers = List.of(raw("/api/plugins%2F" + SCR, rest.adminToken()), raw("/console//x", null),
                raw("/console/%2e%2e/x", null), raw("/api/plugins/" + new String(segment), rest.adminToken()),
                raw("/api/plugins", rest.adminToken(), "X-Filler: " + new String(segment)));
        assertEquals(List.of(400, 400, 400, 414, 431), answers.stream().map(Raw::status).toList(), answers.toString());
        for (Raw answer : answers) {
            assertEquals("default-src 'none'; sandbox", answer.header("Content-Security-Policy"), answer.toString());
            assertEquals("DENY", answer.header("X-Frame-Options"), answer.toString());
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.toString());
            assertEquals("", answer.body(), answer.toString());
        }
        Raw health = raw("/api/health", null);
        assertEquals(200, health.status(), health.toString());
        assertEquals("default-src 'none'; frame-ancestors 'none'; sandbox", health.header("Content-Security-Policy"),
                "the API's answers are inert too: " + health);
        assertEquals("DENY", health.header("X-Frame-Options"), health.toString());
    }

    private static void assertRefusedForEveryone(String path, String servedMarker) throws IOException {
        for (String token : Arrays.asList(null, RestRuntime.VIEWER, rest.adminToken())) {
            String who = token == null ? "without a token" : token.equals(RestRuntime.VIEWER) ? "viewer" : "admin";
            Raw answer = raw(path, token);
            assertEquals(400, answer.status(), path + " " + who + ": " + answer);
            assertFalse(answer.body().contains(servedMarker), path + " " + who + " was served: " + answer);
        }
    }

    private static Raw raw(String path, String token) throws IOException {
        return raw(path, token, null);
    }

    /**
     * As {@link #send}, asked again (at most twice more) when the server closed the connection without a byte: Jetty
     * 12 now and then closes a connection it refused while parsing before its page is written (one CI run in many).
     * Nothing is served either way; a server that never answers still fails.
     */
    private static Raw raw(String path, String token, String header) throws IOException {
        for (int attempt = 1;; attempt++) {
            try {
                return send(path, token, header);
            } catch (ClosedWithoutAnswer e) {
                if (attempt == 3) {
                    throw new AssertionError("no HTTP answer to GET " + path + " in 3 attempts", e);
                }
            }
        }
    }

    private static final class ClosedWithoutAnswer extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Sends {@code GET path} exactly as written, with {@code header} (a header line, or null), and reads the answer
     * until the server closes the connection.
     */
    private static Raw send(String path, String token, String header) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", rest.port())) {
            socket.setSoTimeout((int) RestRuntime.BOUND.toMillis());
            String request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n")
                    + (header == null ? "" : header + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            if (answer.isEmpty()) {
                throw new ClosedWithoutAnswer();
            }
            int end = answer.indexOf("\r\n\r\n");
            if (!answer.startsWith("HTTP/1.1 ") || end < 0) {
                throw new AssertionError("no HTTP answer to GET " + path + ": " + answer);
            }
            return new Raw(Integer.parseInt(answer.substring(9, 12)),
                    answer.substring(0, end).lines().skip(1).toList(), answer.substring(end + 4));
        }
    }

    /** An answer read off the socket: its status, header lines and body as sent. */
    private record Raw(int status, List<String> headers, String body) {

        String header(String name) {
            return headers.stream().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse("");
        }

        String contentType() {
            return headers.stream().filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
                    .map(line -> line.substring(13).split(";")[0].strip()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }
}
