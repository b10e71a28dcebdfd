package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.service.log.Logger;

import dev.plinth.api.plugin.PlinthProperties;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

class AuthenticationTest {

    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String VIEWER = "viewer-token-0123456789abcdef";

    @TempDir
    Path data;

    private final List<String> logged = new ArrayList<>();

    @Test
    void anAdminTokenFileThatCannotBeReadClosesEveryRequest() throws Exception {
        Path file = Files.createDirectories(data.resolve("rest")).resolve("admin.token");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x', 'x',
            'x', 'x', 'x', 'x', 'x'});
        Authentication authentication = authentication(VIEWER);

        Exchange admin = filter(authentication, "POST", "/api/plugins/x/disable", "Bearer " + ADMIN);
        Exchange viewer = filter(authentication, "GET", "/api/plugins", "Bearer " + VIEWER);
        Exchange health = filter(authentication, "GET", "/api/health", null);

        assertEquals(503, admin.status);
        assertTrue(admin.body().contains("\"code\":\"API_CLOSED\""), admin.body());
        assertFalse(admin.passedOn || viewer.passedOn || health.passedOn);
        assertEquals(503, viewer.status);
        assertEquals(503, health.status);
        assertTrue(health.body().contains("\"status\":\"failed\""), health.body());
        assertTrue(logged.stream().anyMatch(line -> line.contains(file.toString())
                && line.contains("it does not hold UTF-8 text")), logged.toString());
    }

    @Test
    void everyAnswerButTheConsolesFilesIsInertAndCannotBeFramed() throws Exception {
        Authentication authentication = authentication(VIEWER);
        for (Exchange answer : List.of(filter(authentication, "GET", "/api/plugins", "Bearer " + ADMIN),
                filter(authentication, "GET", "/api/health", null), filter(authentication, "GET", "/", null),
                filter(authentication, "GET", "/api/plugin/x/page", "Bearer " + VIEWER))) {
            assertEquals("default-src 'none'; frame-ancestors 'none'; sandbox",
                    answer.answerHeader("Content-Security-Policy"));
            assertEquals("DENY", answer.answerHeader("X-Frame-Options"));
            assertEquals("nosniff", answer.answerHeader("X-Content-Type-Options"));
        }
        Exchange console = filter(authentication, "GET", "/console/assets/app.js", null);
        assertTrue(console.passedOn);
        assertEquals(null, console.answerHeader("Content-Security-Policy"), "the console's files carry its own");
        assertEquals("nosniff", console.answerHeader("X-Content-Type-Options"));
    }

    @Test
    void aConfigurationChangeSwapsTheTokens() throws Exception {
        Authentication authentication = authentication(VIEWER);
        assertTrue(filter(authentication, "GET", "/api/plugins", "Bearer " + VIEWER).passedOn);

        String newViewer = "another-viewer-0123456789";
        authentication.modified(config(newViewer));

        assertEquals(401, filter(authentication, "GET", "/api/plugins", "Bearer " + VIEWER).status);
        assertTrue(filter(authentication, "GET", "/api/plugins", "Bearer " + newViewer).passedOn);
        assertTrue(filter(authentication, "GET", "/api/plugins", "Bearer " + ADMIN).passedOn);
    }

    @Test
    void onlyRequestsItLetThroughHavePassed() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange admin = filter(authentication, "DELETE", "/api/plugins/x", "Bearer " + ADMIN);
        Exchange viewer = filter(authentication, "GET", "/api/plugins", "Bearer " + VIEWER);

        assertTrue(authentication.passed(admin.request));
        assertTrue(authentication.passed(viewer.request));
        assertFalse(authentication.passed(new Exchange("GET", "/api/plugins", "Bearer " + ADMIN).request),
                "a request that never met the check");
        viewer.method = "DELETE";
        assertFalse(authentication.passed(viewer.request), "a viewer's request that became a change on the way");
    }

    @Test
    void theApisServletsRefuseARequestThatDidNotPassTheCheck() throws Exception {
        Authentication authentication = authentication(VIEWER);
        List<String> routed = new ArrayList<>();
        ApiServlet servlet = new ApiServlet(new Responses(new Json()), logger(), authentication) {
            private static final long serialVersionUID = 1L;

            @Override
            void route(HttpServletRequest request, HttpServletResponse response, List<String> path, Query query) {
                routed.add(request.getMethod());
                response.setStatus(200);
            }
        };

        Exchange unchecked = new Exchange("POST", "/api/plugins/x/disable", null);
        servlet.service(unchecked.request, unchecked.response);
        Exchange checked = filter(authentication, "POST", "/api/plugins/x/disable", "Bearer " + ADMIN);
        servlet.service(checked.request, checked.response);

        assertEquals(503, unchecked.status);
        assertTrue(unchecked.body().contains("\"code\":\"API_CLOSED\""), unchecked.body());
        assertEquals(List.of("POST"), routed);
        assertEquals(200, checked.status);
    }

    @Test
    void theGateHandsEveryRequestToTheCheckAndAnswers503WithoutIt() throws Exception {
        StoppedGate gate = new StoppedGate(null);
        gate.open(authentication());
        Exchange tokenless = through(gate, "/api/plugin/p/greeting", null);
        Exchange admin = through(gate, "/api/plugin/p/greeting", "Bearer " + ADMIN);
        gate.close();
        Exchange closed = through(gate, "/api/plugin/p/greeting", "Bearer " + ADMIN);

        assertEquals(401, tokenless.status);
        assertFalse(tokenless.passedOn);
        assertTrue(admin.passedOn);
        assertEquals(503, closed.status);
        assertTrue(closed.body().contains("\"code\":\"API_CLOSED\""), closed.body());
        assertFalse(closed.passedOn);
    }

    @Test
    void signingInSetsAStrictHttpOnlyCookieThatAuthenticatesReadsAndChangesWithTheCsrfHeader() throws Exception {
        Authentication authentication = authentication("ops=" + VIEWER);
        Exchange signIn = signIn(authentication, ADMIN);
        assertEquals(200, signIn.status, signIn.body());
        String cookie = signIn.answerHeader("Set-Cookie");
        assertTrue(cookie.matches("plinth-session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200"),
                cookie);
        assertTrue(signIn.body().matches("\\{\"name\":\"admin\",\"role\":\"admin\",\"csrf\":\"[A-Za-z0-9_-]{43}\","
                + "\"expires\":\"[0-9TZ:.-]+\"}"), signIn.body());
        String id = cookie.substring("plinth-session=".length(), cookie.indexOf(';'));
        String csrf = signIn.body().replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");

        Exchange bare = withCookie(authentication, "GET", "/api/plugins", id);
        assertEquals(403, bare.status, "the cookie alone opens nothing, not even a read");
        assertTrue(bare.body().contains("\"code\":\"CSRF_REFUSED\""), bare.body());
        assertFalse(bare.passedOn);
        Exchange read = withCookie(authentication, "GET", "/api/plugins", id, csrf);
        assertTrue(read.passedOn);
        assertEquals("console:admin", ((Principal) read.attributes.get(Principal.ATTRIBUTE)).origin());
        Exchange noCsrf = withCookie(authentication, "POST", "/api/plugins/x/disable", id);
        assertEquals(403, noCsrf.status);
        assertTrue(noCsrf.body().contains("\"code\":\"CSRF_REFUSED\""), noCsrf.body());
        assertFalse(noCsrf.passedOn);
        Exchange otherOrigin = cookieExchange("POST", "/api/plugins/x/disable", id).header(CsrfCheck.HEADER, csrf)
                .header("Origin", "http://evil.example:8181");
        authentication.doFilter(otherOrigin.request, otherOrigin.response, (a, b) -> otherOrigin.passedOn = true);
        assertEquals(403, otherOrigin.status);
        assertFalse(otherOrigin.passedOn);
        Exchange change = cookieExchange("POST", "/api/plugins/x/disable", id).header(CsrfCheck.HEADER, csrf)
                .header("Origin", "http://127.0.0.1:8181");
        authentication.doFilter(change.request, change.response, (a, b) -> change.passedOn = true);
        assertTrue(change.passedOn, change.body());

        assertEquals(401, withCookie(authentication, "GET", "/api/plugins", id + "x").status);
        Exchange signOut = cookieExchange("DELETE", SessionEndpoint.PATH, id).header(CsrfCheck.HEADER, csrf);
        authentication.doFilter(signOut.request, signOut.response, (a, b) -> signOut.passedOn = true);
        assertEquals(204, signOut.status);
        assertEquals("plinth-session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict", signOut.answerHeader("Set-Cookie"));
        Exchange after = withCookie(authentication, "GET", "/api/plugins", id, csrf);
        assertEquals(401, after.status);
        assertTrue(after.body().contains("\"code\":\"INVALID_SESSION\""), after.body());
    }

    @Test
    void aViewersSessionOnlyReadsAndEndsWhenItsTokenIsTakenAway() throws Exception {
        Authentication authentication = authentication("ops=" + VIEWER);
        Exchange signIn = signIn(authentication, VIEWER);
        assertTrue(signIn.body().contains("\"name\":\"ops\",\"role\":\"viewer\""), signIn.body());
        String cookie = signIn.answerHeader("Set-Cookie");
        String id = cookie.substring("plinth-session=".length(), cookie.indexOf(';'));
        String csrf = signIn.body().replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");

        Exchange change = cookieExchange("DELETE", "/api/plugins/x", id).header(CsrfCheck.HEADER, csrf);
        authentication.doFilter(change.request, change.response, (a, b) -> change.passedOn = true);
        assertEquals(403, change.status);
        assertTrue(change.body().contains("\"code\":\"READ_ONLY\""), change.body());
        assertTrue(withCookie(authentication, "GET", "/api/plugins", id, csrf).passedOn);

        authentication.modified(config("ops=" + VIEWER, "other=" + VIEWER + "-2"));
        assertTrue(withCookie(authentication, "GET", "/api/plugins", id, csrf).passedOn, "the token is still there");
        authentication.modified(config("other=" + VIEWER + "-2"));
        assertEquals(401, withCookie(authentication, "GET", "/api/plugins", id, csrf).status);
    }

    @Test
    void aWrongTokenOrBodyDoesNotSignIn() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange wrong = signIn(authentication, ADMIN + "x");
        assertEquals(401, wrong.status);
        assertTrue(wrong.body().contains("\"code\":\"INVALID_TOKEN\""), wrong.body());
        assertEquals(null, wrong.answerHeader("Set-Cookie"));
        Exchange malformed = new Exchange("POST", SessionEndpoint.PATH, null);
        malformed.contentType = "application/json";
        malformed.requestBody = "{\"token\": 5}".getBytes(StandardCharsets.UTF_8);
        authentication.doFilter(malformed.request, malformed.response, (a, b) -> malformed.passedOn = true);
        assertEquals(400, malformed.status);
        Exchange none = filter(authentication, "GET", SessionEndpoint.PATH, null);
        assertEquals(401, none.status);
        assertTrue(none.body().contains("\"code\":\"MISSING_TOKEN\""), none.body());
    }

    @Test
    void theConsolesFilesAndTheHealthsStatusNeedNoToken() throws Exception {
        Authentication authentication = authentication(VIEWER);
        assertTrue(filter(authentication, "GET", "/console", null).passedOn);
        assertTrue(filter(authentication, "HEAD", "/console/assets/app.js", null).passedOn);
        assertEquals(401, filter(authentication, "POST", "/console/", null).status);
        assertEquals(401, filter(authentication, "GET", "/console/../api/plugins", null).status);
        assertEquals(401, filter(authentication, "GET", "/consoles", null).status);
        Exchange health = filter(authentication, "GET", "/api/health", null);
        assertTrue(health.passedOn);
        assertEquals(Access.PUBLIC, health.attributes.get(Access.ATTRIBUTE));
        assertTrue(authentication.passed(health.request));
        assertEquals("nosniff", health.answerHeader("X-Content-Type-Options"));
        Exchange other = filter(authentication, "GET", "/api/plugins", null);
        assertFalse(other.passedOn);
        assertFalse(authentication.passed(other.request));
        assertEquals("nosniff", other.answerHeader("X-Content-Type-Options"));
    }

    @Test
    void aSessionNeedsItsCsrfTokenForEveryMethodAndTheEventStreamMayCarryItAsAParameter() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange signIn = signIn(authentication, ADMIN);
        String id = cookieOf(signIn);
        String csrf = csrfOf(signIn);

        for (String method : List.of("GET", "HEAD")) {
            Exchange bare = withCookie(authentication, method, SessionEndpoint.PATH, id);
            assertEquals(403, bare.status, method);
            assertFalse(bare.body().contains(csrf), "the session's csrf is not told without it");
        }
        assertEquals(200, withCookie(authentication, "GET", SessionEndpoint.PATH, id, csrf).status);
        assertEquals(403, withCookie(authentication, "HEAD", "/api/plugins", id).status);
        Exchange wrong = withCookie(authentication, "GET", "/api/plugins", id, csrf + "x");
        assertEquals(403, wrong.status);
        assertTrue(wrong.body().contains("\"code\":\"CSRF_REFUSED\""), wrong.body());

        Exchange events = cookieExchange("GET", "/api/events", id);
        events.query = "csrf=" + csrf;
        authentication.doFilter(events.request, events.response, (a, b) -> events.passedOn = true);
        assertTrue(events.passedOn, events.body());
        assertEquals(id, events.attributes.get(Authentication.SESSION));
        Exchange elsewhere = cookieExchange("GET", "/api/plugins", id);
        elsewhere.query = "csrf=" + csrf;
        authentication.doFilter(elsewhere.request, elsewhere.response, (a, b) -> elsewhere.passedOn = true);
        assertEquals(403, elsewhere.status, "only the event stream takes the parameter");
        Exchange eventsWrong = cookieExchange("GET", "/api/events", id);
        eventsWrong.query = "csrf=x";
        authentication.doFilter(eventsWrong.request, eventsWrong.response, (a, b) -> eventsWrong.passedOn = true);
        assertEquals(403, eventsWrong.status);
    }

    @Test
    void signingInAndTheCookieNeedAHostPlinthIsReachedByButATokenDoesNot() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange rebound = new Exchange("POST", SessionEndpoint.PATH, null);
        rebound.serverName = "attacker.example";
        rebound.contentType = "application/json";
        rebound.requestBody = ("{\"token\": \"" + ADMIN + "\"}").getBytes(StandardCharsets.UTF_8);
        authentication.doFilter(rebound.request, rebound.response, (a, b) -> rebound.passedOn = true);
        assertEquals(403, rebound.status);
        assertTrue(rebound.body().contains("\"code\":\"HOST_REFUSED\""), rebound.body());
        assertEquals(null, rebound.answerHeader("Set-Cookie"));

        Exchange signIn = signIn(authentication, ADMIN);
        Exchange cookie = cookieExchange("GET", "/api/plugins", cookieOf(signIn)).header(CsrfCheck.HEADER,
                csrfOf(signIn));
        cookie.serverName = "attacker.example";
        authentication.doFilter(cookie.request, cookie.response, (a, b) -> cookie.passedOn = true);
        assertEquals(403, cookie.status);
        Exchange otherPort = cookieExchange("GET", "/api/plugins", cookieOf(signIn)).header(CsrfCheck.HEADER,
                csrfOf(signIn));
        otherPort.serverName = "localhost";
        otherPort.serverPort = 8182;
        authentication.doFilter(otherPort.request, otherPort.response, (a, b) -> otherPort.passedOn = true);
        assertEquals(403, otherPort.status);
        Exchange loopback = cookieExchange("GET", "/api/plugins", cookieOf(signIn)).header(CsrfCheck.HEADER,
                csrfOf(signIn));
        loopback.serverName = "[::1]";
        authentication.doFilter(loopback.request, loopback.response, (a, b) -> loopback.passedOn = true);
        assertTrue(loopback.passedOn, loopback.body());
        Exchange token = new Exchange("GET", "/api/plugins", "Bearer " + ADMIN);
        token.serverName = "attacker.example";
        authentication.doFilter(token.request, token.response, (a, b) -> token.passedOn = true);
        assertTrue(token.passedOn, "a token is not ambient: no host check");
    }

    @Test
    void aProxysPublicNameIsAllowedByAllowedHostsWithItsHttpsOrigin() throws Exception {
        authentication(VIEWER);
        Authentication authentication = new Authentication(context(), config(Map.of("allowed_hosts",
                new String[] {"plinth.example.org"})), logger());
        Exchange signIn = signIn(authentication, ADMIN);
        Exchange proxied = cookieExchange("POST", "/api/plugins/x/disable", cookieOf(signIn))
                .header(CsrfCheck.HEADER, csrfOf(signIn)).header("Origin", "https://plinth.example.org");
        proxied.serverName = "plinth.example.org";
        proxied.serverPort = 80;
        authentication.doFilter(proxied.request, proxied.response, (a, b) -> proxied.passedOn = true);
        assertTrue(proxied.passedOn, proxied.body());
        Exchange plain = cookieExchange("POST", "/api/plugins/x/disable", cookieOf(signIn))
                .header(CsrfCheck.HEADER, csrfOf(signIn)).header("Origin", "http://plinth.example.org:8443");
        authentication.doFilter(plain.request, plain.response, (a, b) -> plain.passedOn = true);
        assertEquals(403, plain.status);
    }

    @Test
    void aConfigurationValueThatCannotBeReadClosesTheApiUntilAGoodOneComes() throws Exception {
        Authentication authentication = authentication("ops=" + VIEWER);
        Exchange signIn = signIn(authentication, ADMIN);
        assertTrue(filter(authentication, "GET", "/api/plugins", "Bearer " + VIEWER).passedOn);

        authentication.modified(config(Map.of("viewer_tokens", new String[0], "session_idle_minutes",
                new IllegalArgumentException("cannot convert 15m"))));

        Exchange viewer = filter(authentication, "GET", "/api/plugins", "Bearer " + VIEWER);
        assertEquals(503, viewer.status, "the removed viewer token does not work");
        assertTrue(viewer.body().contains("\"code\":\"API_CLOSED\"")
                && viewer.body().contains("session.idle.minutes"), viewer.body());
        assertFalse(viewer.passedOn);
        assertEquals(503, filter(authentication, "GET", "/api/plugins", "Bearer " + ADMIN).status);
        assertTrue(logged.stream().anyMatch(line -> line.contains("session.idle.minutes")), logged.toString());
        assertFalse(logged.stream().anyMatch(line -> line.contains("15m") || line.contains(VIEWER)), logged.toString());

        authentication.modified(config());
        assertEquals(401, filter(authentication, "GET", "/api/plugins", "Bearer " + VIEWER).status);
        assertTrue(filter(authentication, "GET", "/api/plugins", "Bearer " + ADMIN).passedOn);
        assertEquals(401, withCookie(authentication, "GET", "/api/plugins", cookieOf(signIn), csrfOf(signIn)).status,
                "the sessions ended when the API closed");
    }

    @Test
    void aBadAllowedHostOrLimitClosesTheApiToo() throws Exception {
        Authentication authentication = authentication(VIEWER);
        authentication.modified(config(Map.of("allowed_hosts", new String[] {"https://plinth.example.org/"})));
        assertEquals(503, filter(authentication, "GET", "/api/plugins", "Bearer " + ADMIN).status);
        authentication.modified(config(Map.of("session_max_hours", 0)));
        assertEquals(503, filter(authentication, "GET", "/api/plugins", "Bearer " + ADMIN).status);
    }

    @Test
    void failedSignInsFromOneAddressAreLimited() throws Exception {
        Authentication authentication = authentication(VIEWER);
        for (int i = 0; i < SignInLimit.FAILURES; i++) {
            assertEquals(401, signIn(authentication, ADMIN + "x" + i).status);
        }
        Exchange limited = signIn(authentication, VIEWER);
        assertEquals(429, limited.status, "even a viewer's right token waits");
        assertTrue(limited.body().contains("\"code\":\"TOO_MANY_ATTEMPTS\""), limited.body());
        assertTrue(Integer.parseInt(limited.answerHeader("Retry-After")) > 0);
        assertEquals(429, signIn(authentication, ADMIN + "y").status);
        assertEquals(200, signIn(authentication, ADMIN).status,
                "the admin token, which no rate of guessing finds, is never kept out by others' failures");
        assertEquals(1, logged.stream().filter(line -> line.startsWith("warn") && line.contains("10.0.0.9")).count(),
                logged.toString());
        assertFalse(logged.stream().anyMatch(line -> line.contains(ADMIN)), logged.toString());
        assertTrue(filter(authentication, "GET", "/api/plugins", "Bearer " + ADMIN).passedOn,
                "tokens still work");
    }

    @Test
    void aCookieSetByAnotherPortBesideTheSessionsOwnDoesNotLockTheConsoleOut() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange signIn = signIn(authentication, ADMIN);
        String id = cookieOf(signIn);
        String csrf = csrfOf(signIn);
        Exchange tossed = new Exchange("GET", "/api/plugins", null)
                .header("Cookie", SessionCookie.NAME + "=junk; " + SessionCookie.NAME + "=" + id)
                .header(CsrfCheck.HEADER, csrf);
        authentication.doFilter(tossed.request, tossed.response, (a, b) -> tossed.passedOn = true);
        assertTrue(tossed.passedOn, "the live session among the cookie's values counts: " + tossed.body());

        Exchange viewer = signIn(authentication, VIEWER);
        Exchange both = new Exchange("POST", "/api/plugins/x/disable", null)
                .header("Cookie", SessionCookie.NAME + "=" + cookieOf(viewer) + "; " + SessionCookie.NAME + "=" + id)
                .header(CsrfCheck.HEADER, csrf);
        authentication.doFilter(both.request, both.response, (a, b) -> both.passedOn = true);
        assertTrue(both.passedOn, "the session whose CSRF value is presented counts, not a planted one: " + both.body());
    }

    @Test
    void oneCookieCarriesTheSessionsOfSeveralTabsEachUsedWithItsOwnCsrfValue() throws Exception {
        Authentication authentication = authentication("ops=" + VIEWER);
        Exchange first = signIn(authentication, ADMIN);
        Exchange second = signIn(authentication, VIEWER, cookieOf(first));
        assertEquals(200, second.status, second.body());
        assertTrue(second.body().contains("\"name\":\"ops\",\"role\":\"viewer\""), "the answer is the new session's");
        String cookie = cookieOf(second);
        assertEquals(csrfOf(second).length(), 43);
        assertEquals(List.of(cookie.split("\\.")[0], cookieOf(first)), List.of(cookie.split("\\.")),
                "the new session first, then the other tab's");
        assertTrue(second.answerHeader("Set-Cookie").endsWith("; Max-Age=43200"), second.answerHeader("Set-Cookie"));

        Exchange admin = withCookie(authentication, "POST", "/api/plugins/x/disable", cookie, csrfOf(first));
        assertTrue(admin.passedOn, admin.body());
        assertEquals("console:admin", ((Principal) admin.attributes.get(Principal.ATTRIBUTE)).origin());
        assertEquals(cookieOf(first), admin.attributes.get(Authentication.SESSION));
        Exchange viewer = withCookie(authentication, "POST", "/api/plugins/x/disable", cookie, csrfOf(second));
        assertEquals(403, viewer.status);
        assertTrue(viewer.body().contains("\"code\":\"READ_ONLY\""), "the viewer's own session: " + viewer.body());
        assertTrue(withCookie(authentication, "GET", "/api/plugins", cookie, csrfOf(second)).passedOn);
        Exchange described = withCookie(authentication, "GET", SessionEndpoint.PATH, cookie, csrfOf(second));
        assertTrue(described.body().contains("\"csrf\":\"" + csrfOf(second) + "\""), described.body());
        assertEquals(null, described.answerHeader("Set-Cookie"));

        for (String csrf : List.of(csrfOf(first) + "x", "")) {
            Exchange none = withCookie(authentication, "GET", "/api/plugins", cookie, csrf);
            assertEquals(403, none.status, "a value naming no session of the cookie");
            assertTrue(none.body().contains("\"code\":\"CSRF_REFUSED\""), none.body());
            assertFalse(none.passedOn);
        }
        assertEquals(403, withCookie(authentication, "GET", "/api/plugins", cookie).status);
    }

    @Test
    void signingOutInOneTabLeavesTheOthersSessionsInTheCookie() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange first = signIn(authentication, ADMIN);
        Exchange second = signIn(authentication, ADMIN, cookieOf(first));
        Exchange third = signIn(authentication, VIEWER, cookieOf(second));
        String cookie = cookieOf(third);
        assertEquals(3, cookie.split("\\.").length, cookie);

        Exchange out = withCookie(authentication, "DELETE", SessionEndpoint.PATH, cookie, csrfOf(second));
        assertEquals(204, out.status, out.body());
        assertTrue(out.answerHeader("Set-Cookie").matches("plinth-session=" + cookieOf(third).split("\\.")[0] + "\\."
                + cookieOf(first) + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=4320[0-9]"), out.answerHeader("Set-Cookie"));
        assertEquals(403, withCookie(authentication, "GET", "/api/plugins", cookie, csrfOf(second)).status,
                "the session signed out is over; the cookie's other sessions refuse its value");
        assertTrue(withCookie(authentication, "GET", "/api/plugins", cookie, csrfOf(first)).passedOn);
        assertTrue(withCookie(authentication, "GET", "/api/plugins", cookie, csrfOf(third)).passedOn);

        String remaining = cookieOf(out);
        Exchange again = withCookie(authentication, "DELETE", SessionEndpoint.PATH, remaining, csrfOf(first));
        assertEquals("plinth-session=" + cookieOf(third).split("\\.")[0] + ";", again.answerHeader("Set-Cookie")
                .split(" ")[0]);
        Exchange last = withCookie(authentication, "DELETE", SessionEndpoint.PATH, cookieOf(again), csrfOf(third));
        assertEquals(204, last.status);
        assertEquals("plinth-session=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict", last.answerHeader("Set-Cookie"),
                "the last session out clears the cookie");
        assertEquals(401, withCookie(authentication, "GET", "/api/plugins", cookie, csrfOf(third)).status);
    }

    @Test
    void aNinthSignInDropsTheOldestFromTheCookieAndEndedSessionsAreLeftOut() throws Exception {
        Authentication authentication = authentication(VIEWER);
        List<Exchange> signIns = new ArrayList<>();
        String cookie = null;
        for (int i = 0; i < 9; i++) {
            Exchange signIn = cookie == null ? signIn(authentication, ADMIN) : signIn(authentication, ADMIN, cookie);
            signIns.add(signIn);
            cookie = cookieOf(signIn);
        }
        List<String> ids = List.of(cookie.split("\\."));
        assertEquals(SessionCookie.MAX_IDS, ids.size(), cookie);
        for (int i = 0; i < 8; i++) {
            assertEquals(cookieOf(signIns.get(8 - i)).split("\\.")[0], ids.get(i), "newest first");
        }
        assertFalse(ids.contains(cookieOf(signIns.get(0))), "the oldest is dropped");
        assertTrue(withCookie(authentication, "GET", "/api/plugins", cookieOf(signIns.get(0)), csrfOf(signIns.get(0)))
                .passedOn, "dropped from the cookie, not ended");

        String ended = cookieOf(signIns.get(8)).split("\\.")[0];
        assertEquals(204, withCookie(authentication, "DELETE", SessionEndpoint.PATH, ended, csrfOf(signIns.get(8))).status);
        Exchange stale = withCookie(authentication, "GET", "/api/plugins", cookie, csrfOf(signIns.get(8)));
        assertEquals(403, stale.status, "a tab whose session ended is refused");
        assertEquals(null, stale.answerHeader("Set-Cookie"), "and the other tabs' sessions stay in the cookie");
        Exchange unknown = withCookie(authentication, "GET", "/api/plugins", ended, csrfOf(signIns.get(8)));
        assertEquals(401, unknown.status);
        assertEquals(null, unknown.answerHeader("Set-Cookie"));
        assertTrue(withCookie(authentication, "GET", "/api/plugins", cookie, csrfOf(signIns.get(1))).passedOn);

        Exchange afresh = signIn(authentication, ADMIN, "junk; " + SessionCookie.NAME + "=" + cookie);
        List<String> now = List.of(cookieOf(afresh).split("\\."));
        assertEquals(8, now.size());
        assertFalse(now.contains(ended) || now.contains("junk"), "only live sessions are written: " + now);
        assertEquals(ids.subList(1, 8), now.subList(1, 8));
    }

    @Test
    void theCookieLivesUntilTheLatestEndOfItsSessions() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange first = signIn(authentication, ADMIN);
        authentication.modified(config(Map.of("viewer_tokens", new String[] {VIEWER}, "session_max_hours", 1)));
        Exchange second = signIn(authentication, VIEWER, cookieOf(first));
        assertTrue(second.answerHeader("Set-Cookie").matches(".*; Max-Age=4319[0-9]|.*; Max-Age=43200"),
                "the first session's end, 12 hours on: " + second.answerHeader("Set-Cookie"));
        Exchange out = withCookie(authentication, "DELETE", SessionEndpoint.PATH, cookieOf(second), csrfOf(first));
        assertTrue(out.answerHeader("Set-Cookie").matches(".*; Max-Age=3[56][0-9][0-9]"),
                "the second's, an hour on: " + out.answerHeader("Set-Cookie"));
    }

    @Test
    void aRefusalThatLeavesTheBodyUnreadClosesTheConnection() throws Exception {
        Authentication authentication = authentication(VIEWER);
        Exchange plain = new Exchange("POST", SessionEndpoint.PATH, null);
        plain.contentType = "text/plain";
        plain.requestBody = "{\"token\": \"x\"}".getBytes(StandardCharsets.UTF_8);
        authentication.doFilter(plain.request, plain.response, (a, b) -> plain.passedOn = true);
        assertEquals(415, plain.status);
        assertEquals("close", plain.answerHeader("Connection"), "the client opens a new connection for what follows");

        Exchange upload = new Exchange("POST", "/api/plugins", "Bearer " + VIEWER);
        upload.requestBody = new byte[100];
        authentication.doFilter(upload.request, upload.response, (a, b) -> upload.passedOn = true);
        assertEquals(403, upload.status);
        assertEquals("close", upload.answerHeader("Connection"));

        Exchange read = new Exchange("GET", "/api/plugins", "Bearer " + VIEWER + "x");
        authentication.doFilter(read.request, read.response, (a, b) -> read.passedOn = true);
        assertEquals(401, read.status);
        assertEquals(null, read.answerHeader("Connection"), "a refused request without a body keeps its connection");
    }

    private static Exchange signIn(Authentication authentication, String token) throws Exception {
        Exchange exchange = new Exchange("POST", SessionEndpoint.PATH, null);
        exchange.contentType = "application/json; charset=utf-8";
        exchange.requestBody = ("{\"token\": \"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
        authentication.doFilter(exchange.request, exchange.response, (request, response) -> exchange.passedOn = true);
        assertFalse(exchange.passedOn, "signing in is answered by the check");
        return exchange;
    }

    /** Signs in with {@code token} from a browser that holds the session cookie {@code cookie}. */
    private static Exchange signIn(Authentication authentication, String token, String cookie) throws Exception {
        Exchange exchange = new Exchange("POST", SessionEndpoint.PATH, null).header("Cookie",
                SessionCookie.NAME + "=" + cookie);
        exchange.contentType = "application/json";
        exchange.requestBody = ("{\"token\": \"" + token + "\"}").getBytes(StandardCharsets.UTF_8);
        authentication.doFilter(exchange.request, exchange.response, (request, response) -> exchange.passedOn = true);
        assertFalse(exchange.passedOn, "signing in is answered by the check");
        return exchange;
    }

    private static Exchange cookieExchange(String method, String uri, String id) {
        return new Exchange(method, uri, null).header("Cookie", "other=1; " + SessionCookie.NAME + "=" + id);
    }

    private static Exchange withCookie(Authentication authentication, String method, String uri, String id)
            throws Exception {
        Exchange exchange = cookieExchange(method, uri, id);
        authentication.doFilter(exchange.request, exchange.response, (request, response) -> exchange.passedOn = true);
        return exchange;
    }

    private static Exchange withCookie(Authentication authentication, String method, String uri, String id,
            String csrf) throws Exception {
        Exchange exchange = cookieExchange(method, uri, id).header(CsrfCheck.HEADER, csrf);
        authentication.doFilter(exchange.request, exchange.response, (request, response) -> exchange.passedOn = true);
        return exchange;
    }

    private static String cookieOf(Exchange signIn) {
        String cookie = signIn.answerHeader("Set-Cookie");
        return cookie.substring("plinth-session=".length(), cookie.indexOf(';'));
    }

    private static String csrfOf(Exchange signIn) {
        return signIn.body().replaceAll(".*\"csrf\":\"([^\"]+)\".*", "$1");
    }

    private static Exchange through(StoppedGate gate, String uri, String authorization) throws Exception {
        Exchange exchange = new Exchange("GET", uri, authorization);
        gate.doFilter(exchange.request, exchange.response, (request, response) -> exchange.passedOn = true);
        return exchange;
    }

    private Authentication authentication(String... viewers) throws Exception {
        Path file = data.resolve("rest/admin.token");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, ADMIN + "\n");
        }
        return new Authentication(context(), config(viewers), logger());
    }

    private static Exchange filter(Authentication authentication, String method, String uri, String authorization)
            throws Exception {
        Exchange exchange = new Exchange(method, uri, authorization);
        authentication.doFilter(exchange.request, exchange.response, (request, response) -> exchange.passedOn = true);
        return exchange;
    }

    private BundleContext context() {
        return proxy(BundleContext.class, (name, args) -> name.equals("getProperty")
                && PlinthProperties.DATA.equals(args[0]) ? data.toString() : null);
    }

    private static RestConfiguration config(String... viewers) {
        return config(Map.of("viewer_tokens", viewers));
    }

    /** A configuration with {@code values} by method name; a value that is an exception is thrown, as DS does. */
    private static RestConfiguration config(Map<String, Object> values) {
        return (RestConfiguration) Proxy.newProxyInstance(RestConfiguration.class.getClassLoader(),
                new Class<?>[] {RestConfiguration.class}, (proxy, method, args) -> {
                    Object value = values.getOrDefault(method.getName(), method.getDefaultValue());
                    if (value instanceof RuntimeException e) {
                        throw e;
                    }
                    return value;
                });
    }

    private Logger logger() {
        return proxy(Logger.class, (name, args) -> {
            if (args != null && args.length > 0 && args[0] instanceof String format) {
                StringBuilder line = new StringBuilder(name + " " + format);
                for (int i = 1; i < args.length; i++) {
                    Object arg = args[i] instanceof Object[] array ? java.util.Arrays.toString(array) : args[i];
                    line.append(" | ").append(arg);
                }
                logged.add(line.toString());
            }
            return null;
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Answer answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args));
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    /** A request and the answer to it, as far as the check and the servlets use them. */
    private static final class Exchange {

        String method;
        final Map<String, Object> attributes = new HashMap<>();
        final Map<String, String> headers = new HashMap<>();
        final Map<String, List<String>> answerHeaders = new HashMap<>();
        String contentType;
        String query;
        String serverName = "127.0.0.1";
        int serverPort = 8181;
        byte[] requestBody = new byte[0];
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        int status;
        boolean passedOn;
        final HttpServletRequest request;
        final HttpServletResponse response;

        Exchange(String method, String uri, String authorization) {
            this.method = method;
            this.request = proxy(HttpServletRequest.class, (name, args) -> switch (name) {
                case "getMethod" -> this.method;
                case "getRequestURI" -> uri;
                case "getHeader" -> "Authorization".equalsIgnoreCase((String) args[0]) ? authorization
                        : headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                case "getHeaders" -> java.util.Collections.enumeration(headers.containsKey(
                        ((String) args[0]).toLowerCase(java.util.Locale.ROOT))
                        ? List.of(headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT))) : List.of());
                case "getContentType" -> contentType;
                case "getContentLengthLong" -> requestBody == null ? -1L : (long) requestBody.length;
                case "getQueryString" -> query;
                case "getScheme" -> "http";
                case "getServerName" -> serverName;
                case "getServerPort" -> serverPort;
                case "getLocalAddr" -> "127.0.0.1";
                case "getLocalPort" -> 8181;
                case "getRemoteAddr" -> "10.0.0.9";
                case "isSecure" -> false;
                case "getInputStream" -> input(requestBody);
                case "getAttribute" -> attributes.get(args[0]);
                case "setAttribute" -> attributes.put((String) args[0], args[1]);
                case "getPathInfo" -> uri.substring("/api".length());
                default -> null;
            });
            ServletOutputStream out = new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                }

                @Override
                public void write(int b) {
                    body.write(b);
                }
            };
            this.response = proxy(HttpServletResponse.class, (name, args) -> switch (name) {
                case "setStatus" -> {
                    status = (Integer) args[0];
                    yield null;
                }
                case "getOutputStream" -> out;
                case "isCommitted" -> false;
                case "setHeader", "addHeader" -> {
                    answerHeaders.computeIfAbsent(((String) args[0]).toLowerCase(java.util.Locale.ROOT),
                            key -> new ArrayList<>()).add((String) args[1]);
                    yield null;
                }
                default -> null;
            });
        }

        String body() {
            return body.toString(StandardCharsets.UTF_8);
        }

        /** The last value of the answer's header {@code name}, or {@code null}. */
        String answerHeader(String name) {
            List<String> values = answerHeaders.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : values.get(values.size() - 1);
        }

        Exchange header(String name, String value) {
            headers.put(name.toLowerCase(java.util.Locale.ROOT), value);
            return this;
        }

        private static jakarta.servlet.ServletInputStream input(byte[] bytes) {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(bytes);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                }

                @Override
                public int read() {
                    return in.read();
                }
            };
        }
    }
}
