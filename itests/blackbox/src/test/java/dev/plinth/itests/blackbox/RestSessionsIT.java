package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The console's sessions against the assembled runtime: signing in sets a strict cookie, changes made with it need
 * the CSRF header and the runtime's own origin, a viewer's session only reads, signing out ends it; the health tells
 * its status alone without credentials; and the history records who asked.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestSessionsIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String VERSIONED = "dev.plinth.sample.versioned";
    private static final String VIEWER = "ops-viewer-" + UUID.randomUUID();
    private static final String SESSION = "/api/session";

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(VIEWER.getBytes(StandardCharsets.UTF_8)));
        rest = RestRuntime.start(unpacked, "{\"viewer.tokens\": [\"ops=sha256:" + digest + "\"]}");
    }

    /** A signed-in session: the cookie to send and the CSRF token. */
    private record Session(String cookie, String csrf, JsonObject document, String setCookie) {
    }

    private static Session signIn(String token) throws Exception {
        Response answer = rest.send(rest.request(SESSION, null).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\": \"" + token + "\"}")));
        assertEquals(200, answer.status(), answer.toString());
        String setCookie = answer.header("Set-Cookie");
        return new Session(setCookie.split(";")[0], answer.object().getString("csrf"), answer.object(), setCookie);
    }

    /** A request with the session's cookie and its CSRF header, as the console sends every request. */
    private static HttpRequest.Builder with(Session session, String path) {
        return bare(session, path).header("X-Plinth-CSRF", session.csrf());
    }

    /** A request with the session's cookie alone, as a browser sends it to any server on any port of the host. */
    private static HttpRequest.Builder bare(Session session, String path) {
        return rest.request(path, null).header("Cookie", session.cookie());
    }

    private static Response installHello(HttpRequest.Builder request) throws Exception {
        return rest.send(request.header("Content-Type", "application/java-archive")
                .POST(BodyPublishers.ofFile(rest.home().resolve("samples/dev.plinth.sample.hello.jar"))));
    }

    private static boolean installed(String id) throws Exception {
        return rest.get("/api/plugins").array().stream().map(JsonValue::asJsonObject)
                .anyMatch(plugin -> plugin.getString("id").equals(id));
    }

    @Test
    @Order(1)
    void signingInSetsAStrictHttpOnlyCookieAndAnswersTheSession() throws Exception {
        Session admin = signIn(rest.adminToken());
        Set<String> attributes = Set.of(admin.setCookie().split(";\\s*"));
        assertTrue(admin.cookie().matches("plinth-session=[A-Za-z0-9_-]{43}"), admin.setCookie());
        assertTrue(attributes.containsAll(Set.of("Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=43200")),
                admin.setCookie());
        assertFalse(attributes.contains("Secure"), "plain HTTP: " + admin.setCookie());
        assertEquals("admin", admin.document().getString("name"));
        assertEquals("admin", admin.document().getString("role"));
        assertFalse(admin.setCookie().contains(rest.adminToken()));

        Response described = rest.send(with(admin, SESSION).GET());
        assertEquals(200, described.status(), described.toString());
        assertEquals(admin.csrf(), described.object().getString("csrf"));
        assertEquals(null, described.header("Set-Cookie"), "no new cookie");
        assertEquals(200, rest.send(with(admin, "/api/plugins").GET()).status());
        Response bareSession = rest.send(bare(admin, SESSION).GET());
        assertEquals("CSRF_REFUSED", bareSession.problem(403), "the cookie alone does not tell the csrf");
        assertFalse(bareSession.body().contains(admin.csrf()));
        assertEquals("CSRF_REFUSED", rest.send(bare(admin, "/api/plugins").GET()).problem(403),
                "the cookie alone opens no read either");
        assertEquals(403, rest.send(bare(admin, "/api/plugins").method("HEAD", BodyPublishers.noBody())).status());
        assertEquals("nosniff", rest.get("/api/plugins").header("X-Content-Type-Options"));
        assertEquals("INVALID_TOKEN", rest.send(rest.request(SESSION, null).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\": \"" + VIEWER + "x\"}"))).problem(401));
    }

    @Test
    @Order(2)
    void aChangeWithTheCookieNeedsTheCsrfHeaderAndTheRuntimesOwnOrigin() throws Exception {
        Session admin = signIn(rest.adminToken());
        assertEquals("CSRF_REFUSED", installHello(bare(admin, "/api/plugins?enable")).problem(403));
        assertEquals("CSRF_REFUSED", installHello(bare(admin, "/api/plugins?enable")
                .header("X-Plinth-CSRF", admin.csrf() + "x")).problem(403));
        assertEquals("CSRF_REFUSED", installHello(with(admin, "/api/plugins?enable")
                .header("Origin", "http://evil.example:" + rest.port()))
                .problem(403));
        assertFalse(installed(HELLO), "refused changes changed nothing");

        Response installed = installHello(with(admin, "/api/plugins?enable")
                .header("Origin", "http://127.0.0.1:" + rest.port()));
        assertEquals(201, installed.status(), installed.toString());
        assertTrue(installed(HELLO));

        JsonObject last = last(rest.get("/api/history?target=" + HELLO + "&verb=install"));
        assertEquals("console:admin", last.getString("origin"));
        assertEquals("console", last.getString("channel"));
        assertEquals("admin", last.getString("by"));
    }

    @Test
    @Order(3)
    void aChangeWithTheBearerTokenIsRecordedAsTheTokensName() throws Exception {
        Response removed = rest.delete("/api/plugins/" + HELLO);
        assertEquals(200, removed.status(), removed.toString());
        JsonObject last = last(rest.get("/api/history?by=admin&verb=remove"));
        assertEquals(HELLO, last.getString("target"));
        assertEquals("rest:admin", last.getString("origin"));
        assertEquals("rest", last.getString("channel"));
    }

    @Test
    @Order(4)
    void withoutOrWithAnUnknownCookieTheApiRefuses() throws Exception {
        assertEquals("MISSING_TOKEN", rest.get("/api/plugins", null).problem(401));
        assertEquals("MISSING_TOKEN", rest.send(rest.request(SESSION, null).GET()).problem(401));
        assertEquals("INVALID_SESSION", rest.send(rest.request("/api/plugins", null)
                .header("Cookie", "plinth-session=" + "A".repeat(43)).GET()).problem(401));
    }

    @Test
    @Order(5)
    void aViewersSessionOnlyReads() throws Exception {
        Session viewer = signIn(VIEWER);
        assertEquals("ops", viewer.document().getString("name"));
        assertEquals("viewer", viewer.document().getString("role"));
        assertEquals(200, rest.send(with(viewer, "/api/plugins").GET()).status());
        assertEquals("READ_ONLY", installHello(with(viewer, "/api/plugins?enable")).problem(403));
        assertFalse(installed(HELLO));
    }

    @Test
    @Order(6)
    void signingOutEndsTheSession() throws Exception {
        Session admin = signIn(rest.adminToken());
        assertEquals("CSRF_REFUSED", rest.send(bare(admin, SESSION).DELETE()).problem(403));
        Response out = rest.send(with(admin, SESSION).DELETE());
        assertEquals(204, out.status(), out.toString());
        assertTrue(out.header("Set-Cookie").startsWith("plinth-session=;"), out.header("Set-Cookie"));
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));
        assertEquals("INVALID_SESSION", rest.send(with(admin, "/api/plugins").GET()).problem(401));
        assertEquals("INVALID_SESSION", rest.send(with(admin, SESSION).GET()).problem(401));
    }

    @Test
    @Order(7)
    void theHealthTellsItsStatusAloneWithoutCredentials() throws Exception {
        RestRuntime.await(() -> {
            try {
                return rest.get("/api/health").status() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "ready runtime");
        Response anonymous = rest.get("/api/health", null);
        assertEquals(200, anonymous.status(), anonymous.toString());
        assertEquals(Set.of("status"), anonymous.object().keySet());
        JsonObject full = rest.get("/api/health").object();
        assertEquals(full.getString("status"), anonymous.object().getString("status"));
        assertTrue(full.containsKey("plugins"), "with a token: the whole document");
        assertEquals("INVALID_TOKEN", rest.get("/api/health", "not-a-token-of-this-runtime").problem(401));
    }

    @Test
    @Order(8)
    void theConsolesFilesNeedNoTokenButAnyOtherMethodThereDoes() throws Exception {
        Response page = rest.get("/console/", null);
        assertNotEquals(401, page.status(), page.toString());
        assertNotEquals(503, page.status(), page.toString());
        assertEquals("MISSING_TOKEN", rest.send(rest.request("/console/", null).POST(BodyPublishers.noBody()))
                .problem(401));
        Response traversal = rest.get("/console/../api/plugins", null);
        assertTrue(traversal.status() == 400 || "MISSING_TOKEN".equals(traversal.problem(401)), traversal.toString());
    }

    @Test
    @Order(9)
    void aJarDroppedInTheDeployDirectoryIsRecordedAsDeployAndListed() throws Exception {
        Path temporary = rest.home().resolve("deploy/.versioned.jar.tmp");
        Files.copy(rest.home().resolve("samples/dev.plinth.sample.versioned-1.jar"), temporary,
                StandardCopyOption.REPLACE_EXISTING);
        Files.move(temporary, rest.home().resolve("deploy/versioned.jar"), StandardCopyOption.ATOMIC_MOVE);
        RestRuntime.await(() -> {
            try {
                return !rest.get("/api/history?by=deploy&target=" + VERSIONED + "&outcome=succeeded").array()
                        .isEmpty();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "install by the deploy directory in the history");
        JsonObject last = last(rest.get("/api/history?by=deploy"));
        assertEquals("deploy", last.getString("origin"));
        assertEquals("deploy", last.getString("channel"));

        JsonObject deploy = rest.get("/api/deploy").object();
        assertTrue(deploy.getBoolean("watched"), deploy.toString());
        assertEquals("deploy", deploy.getString("directory"), "named in the home");
        JsonObject file = deploy.getJsonArray("files").stream().map(JsonValue::asJsonObject)
                .filter(each -> each.getString("file").equals("versioned.jar")).findFirst().orElseThrow();
        assertEquals("deployed", file.getString("status"));
        assertEquals(VERSIONED, file.getString("id"));
    }

    @Test
    @Order(10)
    void anEventStreamOpenedWithTheSessionTakesTheCsrfParameterAndEndsWhenTheSessionEnds() throws Exception {
        Session admin = signIn(rest.adminToken());
        assertEquals("CSRF_REFUSED", rest.send(bare(admin, "/api/events").GET()).problem(403));
        assertEquals("BAD_REQUEST", rest.send(rest.request("/api/events?csrf=" + admin.csrf(), rest.adminToken())
                .GET()).problem(400), "with a bearer token the parameter is unknown");

        HttpResponse<InputStream> stream = rest.http().send(bare(admin, "/api/events?csrf=" + admin.csrf()).GET()
                .build(), BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertEquals(": subscribed", lines.readLine());
            Response out = rest.send(with(admin, SESSION).DELETE());
            assertEquals(204, out.status(), out.toString());
            CompletableFuture<Boolean> ended = CompletableFuture.supplyAsync(() -> {
                try {
                    while (lines.readLine() != null) {
                        // events and keep-alives until the server ends the stream
                    }
                    return true;
                } catch (IOException e) {
                    return true;
                }
            });
            assertTrue(ended.get(10, TimeUnit.SECONDS), "the stream ended with its session");
        }
    }

    @Test
    @Order(11)
    void signingInAndTheCookieNeedAHostPlinthIsReachedByButABearerTokenDoesNot() throws Exception {
        String body = "{\"token\": \"" + rest.adminToken() + "\"}";
        String rebound = raw("POST " + SESSION + " HTTP/1.1\r\nHost: attacker.example:" + rest.port()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length()
                + "\r\nConnection: close\r\n\r\n" + body);
        assertTrue(rebound.startsWith("HTTP/1.1 403") && rebound.contains("HOST_REFUSED"), rebound);
        assertFalse(rebound.contains("plinth-session="), rebound);

        Session admin = signIn(rest.adminToken());
        String withCookie = raw("GET /api/plugins HTTP/1.1\r\nHost: attacker.example:" + rest.port() + "\r\nCookie: "
                + admin.cookie() + "\r\nX-Plinth-CSRF: " + admin.csrf() + "\r\nConnection: close\r\n\r\n");
        assertTrue(withCookie.startsWith("HTTP/1.1 403") && withCookie.contains("HOST_REFUSED"), withCookie);
        String localhost = raw("GET /api/plugins HTTP/1.1\r\nHost: localhost:" + rest.port() + "\r\nCookie: "
                + admin.cookie() + "\r\nX-Plinth-CSRF: " + admin.csrf() + "\r\nConnection: close\r\n\r\n");
        assertTrue(localhost.startsWith("HTTP/1.1 200"), localhost);
        String bearer = raw("GET /api/plugins HTTP/1.1\r\nHost: attacker.example:" + rest.port()
                + "\r\nAuthorization: Bearer " + rest.adminToken() + "\r\nConnection: close\r\n\r\n");
        assertTrue(bearer.startsWith("HTTP/1.1 200"), bearer);
    }

    @Test
    @Order(12)
    void oneCookieCarriesTheSessionsOfSeveralTabsEachWithItsOwnCsrfValue() throws Exception {
        CookieJar browser = new CookieJar();
        String admin = browser.signIn(rest.adminToken());
        String viewer = browser.signIn(VIEWER);
        assertEquals(2, browser.ids().size(), browser.value);
        String viewerId = browser.ids().get(0);

        assertEquals("admin", browser.send(SESSION, admin).object().getString("role"));
        assertEquals(admin, browser.send(SESSION, admin).object().getString("csrf"));
        assertEquals("viewer", browser.send(SESSION, viewer).object().getString("role"));
        assertEquals(200, browser.send("/api/plugins", viewer).status());
        assertEquals("READ_ONLY", installHello(browser.request("/api/plugins?enable", viewer)).problem(403),
                "the viewer tab's value uses the viewer's session");
        assertEquals("CSRF_REFUSED", browser.send("/api/plugins", admin + "x").problem(403));
        assertEquals("CSRF_REFUSED", rest.send(rest.request("/api/plugins", null)
                .header("Cookie", "plinth-session=" + browser.value).GET()).problem(403));

        Response out = browser.send(browser.request(SESSION, admin).DELETE());
        assertEquals(204, out.status(), out.toString());
        assertEquals(List.of(viewerId), browser.ids(), "the other tab's session stays: " + out.header("Set-Cookie"));
        assertEquals("CSRF_REFUSED", browser.send("/api/plugins", admin).problem(403), "the tab signed out");
        assertEquals(200, browser.send("/api/plugins", viewer).status(), "the other tab goes on");

        List<String> tabs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tabs.add(browser.signIn(rest.adminToken()));
            assertEquals(Math.min(i + 2, 8), browser.ids().size(), browser.value);
        }
        assertFalse(browser.ids().contains(viewerId), "a ninth sign-in drops the oldest session from the cookie");
        assertEquals("CSRF_REFUSED", browser.send("/api/plugins", viewer).problem(403));
        for (String csrf : tabs) {
            assertEquals(200, browser.send("/api/plugins", csrf).status());
        }
        assertEquals(200, rest.send(rest.request("/api/plugins", null).header("Cookie", "plinth-session=" + viewerId)
                .header("X-Plinth-CSRF", viewer).GET()).status(), "dropped from the cookie, not ended");

        for (String csrf : tabs) {
            assertEquals(204, browser.send(browser.request(SESSION, csrf).DELETE()).status());
        }
        assertEquals(null, browser.value, "the last sign-out clears the cookie");
    }

    /** The session cookie as a browser keeps it: one for the host, whichever tab signs in or out. */
    private static final class CookieJar {

        private String value;

        /** Signs in with {@code token}; the session's CSRF value. */
        String signIn(String token) throws Exception {
            Response answer = send(withCookie(rest.request(SESSION, null)).header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"token\": \"" + token + "\"}")));
            assertEquals(200, answer.status(), answer.toString());
            assertTrue(answer.header("Set-Cookie").endsWith("; Max-Age=43200"), answer.header("Set-Cookie"));
            return answer.object().getString("csrf");
        }

        List<String> ids() {
            return value == null ? List.of() : List.of(value.split("\\."));
        }

        /** A request with the cookie as it is now and the CSRF header {@code csrf}, as a tab sends it. */
        HttpRequest.Builder request(String path, String csrf) {
            return withCookie(rest.request(path, null)).header("X-Plinth-CSRF", csrf);
        }

        private HttpRequest.Builder withCookie(HttpRequest.Builder request) {
            return value == null ? request : request.header("Cookie", "plinth-session=" + value);
        }

        Response send(String path, String csrf) throws Exception {
            return send(request(path, csrf).GET());
        }

        /** Sends {@code request} (made by {@link #request}) and keeps the cookie its answer sets. */
        Response send(HttpRequest.Builder request) throws Exception {
            Response answer = rest.send(request);
            String set = answer.header("Set-Cookie");
            if (set != null && set.startsWith("plinth-session=")) {
                value = set.contains("Max-Age=0") ? null : set.substring("plinth-session=".length(), set.indexOf(';'));
            }
            return answer;
        }
    }

    @Test
    @Order(20)
    void failedSignInsFromOneAddressAreLimited() throws Exception {
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            Response wrong = rest.send(rest.request(SESSION, null).header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString("{\"token\": \"" + VIEWER + i + "\"}")));
            refused += wrong.status() == 401 ? 1 : 0;
            assertTrue(wrong.status() == 401 || wrong.status() == 429 && refused >= 8, wrong.toString());
        }
        Response limited = rest.send(rest.request(SESSION, null).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\": \"" + VIEWER + "\"}")));
        assertEquals("TOO_MANY_ATTEMPTS", limited.problem(429), "a correct viewer token too, until the minute is over");
        assertTrue(Integer.parseInt(limited.header("Retry-After")) > 0, limited.toString());
        Response admin = rest.send(rest.request(SESSION, null).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\": \"" + rest.adminToken() + "\"}")));
        assertEquals(200, admin.status(), "the admin token is never kept out by others' failures: " + admin);
        assertEquals(200, rest.get("/api/plugins").status(), "bearer tokens still work");
        RestRuntime.await(() -> log().contains("failed sign-ins from 127.0.0.1"), "the warning in the log");
        assertFalse(log().contains(VIEWER) || log().contains(rest.adminToken()), "no token in the log");
    }

    private static String log() {
        try {
            return Files.readString(rest.home().resolve("data/log/plinth.log"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Sends {@code request} as it is over a connection of its own; the whole answer. */
    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", rest.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonObject last(Response history) {
        assertEquals(200, history.status(), history.toString());
        assertFalse(history.array().isEmpty(), history.toString());
        return history.array().getJsonObject(history.array().size() - 1);
    }
}
