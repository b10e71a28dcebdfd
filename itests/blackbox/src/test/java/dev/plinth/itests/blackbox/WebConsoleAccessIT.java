package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import dev.plinth.itests.blackbox.RestRuntime.Response;

/**
 * Who may change what through the web console: a viewer signed in sees no action and no install control and its
 * session is refused a change by the API; a request with the session cookie but without the CSRF header (what a
 * forged cross-site request sends) is refused and changes nothing; without a cookie nothing is served.
 */
class WebConsoleAccessIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String SETTINGS = "dev.plinth.sample.settings";
    private static final String GREETING = "dev.plinth.sample.greeting";
    private static final String GREETER_EN = "dev.plinth.sample.greeter.en";
    private static final String OPS = "ops-" + UUID.randomUUID();

    @RegisterExtension
    static final Browser browser = new Browser();

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, "{\"viewer.tokens\": [\"ops=" + OPS + "\"]}");
        assertEquals(201, rest.upload("/api/plugins?enable=true",
                rest.home().resolve("samples/dev.plinth.sample.hello.jar")).status());
        assertEquals(201, rest.upload("/api/plugins?enable=true",
                rest.home().resolve("samples/dev.plinth.sample.settings.jar")).status());
        assertEquals(201, rest.upload("/api/plugins?enable=true",
                rest.home().resolve("samples/dev.plinth.sample.greeter.en.jar")).status());
    }

    @Test
    void aViewerSeesNoActionAndItsSessionChangesNothing() throws Exception {
        browser.signIn(rest, OPS, "#/plugins");
        assertEquals("ops · viewer", browser.one("[data-test=whoami]").getText().strip());
        browser.awaitView("plugins");
        browser.await("tr[data-plugin-id='" + HELLO + "']");
        for (String control : List.of("input#install-file", "[data-test=dropzone]", "input#install-enable",
                "button[data-action]")) {
            assertFalse(browser.present(control), "a viewer gets no " + control);
        }
        browser.screenshot("plugin-list-viewer");

        browser.navigate("#/plugins/" + HELLO);
        browser.awaitView("plugin");
        browser.await("[data-test=plugin-title]");
        assertFalse(browser.present("button[data-action]"), "no action on the plugin's page for a viewer");
        assertFalse(browser.present("input#upgrade-file"));

        browser.navigate("#/plugins/" + SETTINGS);
        browser.awaitView("plugin");
        browser.await("form[data-test=settings] [name=port]");
        assertFalse(browser.present("button[data-test=settings-save]"), "a viewer gets no save button");
        assertEquals(List.of(), browser.all("form[data-test=settings] input, form[data-test=settings] select,"
                + " form[data-test=settings] textarea").stream().filter(WebElement::isEnabled)
                .map(field -> field.getAttribute("name")).toList(), "a viewer's settings are read-only");

        browser.navigate("#/catalog");
        browser.awaitView("catalog");
        browser.await("table[data-test=catalog] tr[data-entry-id]");
        assertEquals(List.of("export"), browser.all("button[data-action]").stream()
                .map(button -> button.getAttribute("data-action")).toList(),
                "a viewer may show the plugin set, and install, update, pin or apply nothing from the catalogue");

        browser.navigate("#/graph?verb=remove&id=" + HELLO);
        browser.awaitView("graph");
        browser.await("svg[data-test=graph] g[data-node='" + HELLO + "'].target");
        String note = browser.await("[data-test=graph-plan] [data-test=graph-plan-note]").getText();
        assertTrue(note.contains("Plans need the admin token"), "a viewer is told why there is no plan: " + note);
        assertFalse(browser.present("[data-test=graph-refusal]"), "and is shown no refusal");
        browser.screenshot("graph-viewer");
        browser.navigate("#/graph?verb=remove&id=" + GREETING);
        browser.await("svg[data-test=graph] g[data-node='" + GREETING + "'].target");
        browser.await("svg[data-test=graph] g[data-node='" + GREETER_EN + "'].blast");
        assertFalse(browser.present("svg[data-test=graph] g[data-node='" + HELLO + "'].blast"),
                "only what depends on the target is marked");

        String cookie = browser.sessionCookie();
        String csrf = browser.csrf();
        assertTrue(csrf != null && !csrf.isEmpty(), "the console keeps the session's CSRF value");
        Response session = rest.send(ConsoleSession.withCookie(rest, "/api/session", cookie)
                .header("X-Plinth-CSRF", csrf).GET());
        assertEquals(200, session.status(), session.toString());
        assertEquals("viewer", session.object().getString("role"));
        Response disable = rest.send(ConsoleSession.withCookie(rest, "/api/plugins/" + HELLO + "/disable", cookie)
                .header("X-Plinth-CSRF", csrf).POST(BodyPublishers.noBody()));
        assertEquals("READ_ONLY", disable.problem(403), "the viewer's session may not change anything");
        assertEquals("enabled", state(HELLO));
    }

    @Test
    void aRequestWithTheCookieButWithoutTheCsrfHeaderIsRefused() throws Exception {
        ConsoleSession admin = ConsoleSession.open(rest, rest.adminToken());
        String setCookie = ConsoleSession.setCookie(rest.send(rest.request("/api/session", null)
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString("{\"token\":\"" + rest.adminToken() + "\"}"))));
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict")
                && setCookie.contains("Path=/"), setCookie);

        assertEquals("CSRF_REFUSED", admin.postWithoutCsrf("/api/plugins/" + HELLO + "/disable").problem(403));
        assertEquals("CSRF_REFUSED", rest.send(admin.request("/api/plugins/" + HELLO + "/disable")
                .header("X-Plinth-CSRF", admin.csrf() + "x").POST(BodyPublishers.noBody())).problem(403));
        assertEquals("CSRF_REFUSED", rest.send(admin.request("/api/plugins/" + HELLO + "/disable")
                .header("X-Plinth-CSRF", admin.csrf()).header("Origin", "http://evil.example")
                .POST(BodyPublishers.noBody())).problem(403), "a foreign Origin is refused too");
        assertEquals("enabled", state(HELLO), "nothing changed");

        Response dryRun = admin.post("/api/plugins/" + HELLO + "/disable?dryRun");
        assertEquals(200, dryRun.status(), "with its CSRF header the same session is served: " + dryRun);
        assertEquals("enabled", state(HELLO));
    }

    @Test
    void theConsolesFilesAreServedWithoutCredentialsAndUnderAStrictPolicy() throws Exception {
        Response page = rest.sendUnchecked(rest.request("/console/", null).GET().build());
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"), page.headers().toString());
        assertEquals("DENY", page.header("X-Frame-Options"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        assertFalse(page.body().contains(rest.adminToken()));
        Response redirect = rest.sendUnchecked(rest.request("/console", null).GET().build());
        assertEquals(302, redirect.status(), redirect.toString());
        assertEquals(404, rest.sendUnchecked(rest.request("/console/assets/nothing.js", null).GET().build()).status());
        assertEquals("MISSING_TOKEN", rest.sendUnchecked(rest.request("/console/", null)
                .POST(BodyPublishers.noBody()).build()).problem(401), "only reading goes without credentials");
    }

    @Test
    void withoutACookieNothingIsServed() throws Exception {
        assertEquals("MISSING_TOKEN", rest.get("/api/plugins", null).problem(401));
        assertEquals("MISSING_TOKEN", rest.get("/api/session", null).problem(401));
        assertEquals("MISSING_TOKEN", rest.send(rest.request("/api/plugins/" + HELLO + "/disable", null)
                .header("X-Plinth-CSRF", "anything").POST(BodyPublishers.noBody())).problem(401));
        assertEquals("INVALID_SESSION", rest.send(ConsoleSession.withCookie(rest, "/api/plugins",
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").GET()).problem(401), "an unknown cookie is refused");
        assertEquals("enabled", state(HELLO));
    }

    private static String state(String id) throws Exception {
        return rest.get("/api/plugins/" + id).object().getString("state");
    }
}
