package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import com.sun.net.httpserver.HttpServer;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * The hostile sample ({@code dev.plinth.sample.hostileui}), whose console page tries to read the session cookie, call
 * the management API, leave its own routes, import the console's modules, read the console's storage, load a script
 * from a listener of this test and send the console's window there: every attempt fails in the default, sandboxed
 * tier, and every one but the navigation (which trusting a plugin allows) in the trusted tier, where the page runs in
 * the console's document. Beside what the page reports, the test checks from outside: the listener got no request,
 * the console's address stayed, the history holds no operation of the console's session.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsolePluginIsolationIT {

    private static final String ID = "dev.plinth.sample.hostileui";
    private static final String PAGES = "dev.plinth.sample.pages";
    private static final List<String> SANDBOXED = List.of("cookie", "management", "escape", "console-module",
            "storage", "script", "popup", "timing", "top");

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final ConsolePluginSlots slots = new ConsolePluginSlots(browser);

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    /** A listener on the loopback interface standing for "elsewhere": it records every request it gets. */
    private static HttpServer elsewhere;
    private static final List<String> requests = new CopyOnWriteArrayList<>();
    private static String target;

    @BeforeAll
    static void start() throws Exception {
        elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            byte[] script = "window.hostileRan = true;".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/javascript");
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
            exchange.sendResponseHeaders(200, script.length);
            exchange.getResponseBody().write(script);
            exchange.close();
        });
        elsewhere.start();
        target = "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/hostile.js";

        rest = RestRuntime.start(unpacked, RestRuntime.configuration(4 << 20));
        for (String sample : List.of(ID, PAGES)) {
            Response installed = rest.upload("/api/plugins?enable=true", rest.home().resolve("samples/" + sample
                    + ".jar"));
            assertEquals(201, installed.status(), installed.toString());
        }
        Response set = rest.send(rest.request("/api/plugins/" + ID + "/settings", rest.adminToken())
                .header("Content-Type", "application/json").method("PATCH", BodyPublishers.ofString(Json
                        .createObjectBuilder().add("set", Json.createObjectBuilder().add("script.url", target))
                        .build().toString())));
        assertEquals(200, set.status(), set.toString());
        RestRuntime.await(() -> routeTarget().contains(target), "the hostile plugin's route to name " + target);
    }

    @AfterAll
    static void stopListener() {
        if (elsewhere != null) {
            elsewhere.stop(0);
        }
    }

    @Test
    @Order(1)
    void everyAttemptFailsInTheSandboxedTier() throws Exception {
        browser.signIn(rest, rest.adminToken(), "#/plugins");
        browser.awaitView("plugins");
        browser.await(ConsolePluginSlots.nav(ID)).click();
        WebElement page = slots.awaitMounted("page", ID);
        assertEquals("sandboxed", page.getAttribute("data-tier"));
        String address = browser.driver().getCurrentUrl();

        Map<String, String> outcomes = slots.inFrame("page", ID, () -> {
            browser.await("[data-test=attempts-done]");
            assertTrue(browser.one("[data-test=hostile-target]").getText().contains(target),
                    "its own route answered through the SDK: " + browser.one("[data-test=hostile-target]").getText());
            return outcomes(SANDBOXED);
        });
        browser.screenshot("plugin-page-hostile-sandboxed");
        outcomes.forEach((attempt, outcome) -> assertTrue(outcome.startsWith("blocked:"),
                attempt + " was not blocked: " + outcome));

        assertEquals(address, browser.driver().getCurrentUrl(), "the console's window stayed where it was");
        assertNothingReachedOut();
        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        assertTrue(browser.present("table[data-test=plugin-list] tr[data-plugin-id='" + ID + "']"),
                "the console still works");
    }

    @Test
    @Order(2)
    void aTrustedPluginsPageRunsInTheConsoleAndStillCannotReachTheSession() throws Exception {
        Path written = Files.writeString(rest.home().resolve("console.cfg.json.tmp"),
                "{\"trusted.plugins\": [\"" + ID + "\", \"" + PAGES + "\"]}");
        Files.move(written, rest.home().resolve("etc/dev.plinth.console.cfg.json"), StandardCopyOption.ATOMIC_MOVE);
        RestRuntime.await(() -> "trusted".equals(tier(ID)) && "trusted".equals(tier(PAGES)),
                "the module list to name both plugins trusted");

        browser.open(rest, "#/ext/" + ID);
        WebElement page = slots.awaitMounted("page", ID);
        assertEquals("trusted", page.getAttribute("data-tier"));
        assertTrue(browser.present(ConsolePluginSlots.mounted("page", ID) + " [data-test=ext-root]"),
                "a trusted page is part of the console's document");
        assertFalse(browser.present(ConsolePluginSlots.section("page", ID) + " iframe"), "no frame");
        String address = browser.driver().getCurrentUrl();

        browser.await("[data-test=attempts-done]");
        assertTrue(browser.one("[data-test=hostile-target]").getText().contains(target),
                "its own route answers: " + browser.one("[data-test=hostile-target]").getText());
        Map<String, String> outcomes = outcomes(SANDBOXED.subList(0, SANDBOXED.size() - 1));
        browser.screenshot("plugin-page-hostile-trusted");
        outcomes.forEach((attempt, outcome) -> assertTrue(outcome.startsWith("blocked:"),
                attempt + " was not blocked: " + outcome));
        assertFalse(browser.present("[data-test=attempt-top]"), "navigating is what trusting a plugin allows");

        assertEquals(address, browser.driver().getCurrentUrl());
        assertNull(browser.csrf(), "no CSRF value is kept in this tab's storage once a trusted page ran");
        assertEquals("{\"sealed\":true}", browser.script("return sessionStorage.getItem('plinth.console.session')"),
                "this tab keeps only the marker of a trusted page");
        assertNull(browser.script("return localStorage.getItem('plinth.console.session')"), "nothing in localStorage");
        assertNothingReachedOut();

        assertTrue(slots.pluginResources().stream().noneMatch(url -> url.contains("/console/plugins/" + PAGES + "/")),
                "nothing of the pages sample was asked for before its page shows: " + slots.pluginResources());
        browser.navigate("#/ext/" + PAGES);
        slots.awaitMounted("page", PAGES);
        assertTrue(slots.pluginResources().stream().anyMatch(url -> url.contains("/console/plugins/" + PAGES + "/")
                && url.endsWith("/page.js")), "its module, once shown: " + slots.pluginResources());
        assertEquals("trusted", browser.one(ConsolePluginSlots.section("page", PAGES)).getAttribute("data-tier"));
        browser.await("[data-test=pages-form] input[name=text]").sendKeys("from the trusted tier");
        browser.one("[data-test=pages-add]").click();
        browser.await("the note in the trusted page", driver -> browser.all("[data-test=pages-notes] li").stream()
                .anyMatch(item -> item.getText().equals("from the trusted tier")) ? Boolean.TRUE : null);
        assertEquals("from the trusted tier", rest.get("/api/plugin/" + PAGES + "/notes").object()
                .getJsonArray("notes").getString(0), "the trusted page's route answered with the operator's session");
    }

    @Test
    @Order(3)
    void aSessionOfAnotherTabIsOutOfTheTrustedPagesReach() throws Exception {
        String first = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        String second = browser.driver().getWindowHandle();
        try {
            browser.signIn(rest, rest.adminToken(), "#/plugins");
            browser.awaitView("plugins");
            assertNotNull(browser.csrf(), "the other tab, where no trusted page ran, keeps its session");
        } finally {
            browser.driver().switchTo().window(second);
            browser.driver().close();
            browser.driver().switchTo().window(first);
        }
        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        browser.navigate("#/ext/" + ID);
        slots.awaitMounted("page", ID);
        browser.await("[data-test=attempts-done]");
        Map<String, String> outcomes = outcomes(SANDBOXED.subList(0, SANDBOXED.size() - 1));
        outcomes.forEach((attempt, outcome) -> assertTrue(outcome.startsWith("blocked:"),
                attempt + " was not blocked with another tab signed in: " + outcome));
        assertTrue(outcomes.get("storage").contains("sessionStorage: an entry without one"), outcomes.get("storage"));
        assertNothingReachedOut();
    }

    @Test
    @Order(4)
    void aReloadOfTheTabAsksToSignInAgainAndThenKeepsTheSession() throws Exception {
        browser.open(rest, "#/plugins");
        WebElement sealed = browser.await("[data-test=signin-sealed]");
        assertEquals("A trusted plugin's page ran in this tab, so this tab keeps no session across page loads: sign"
                + " in again.", sealed.getText().strip());
        browser.one("input#signin-token").sendKeys(rest.adminToken());
        browser.one("button#signin-submit").click();
        browser.awaitView("plugins");
        String csrf = browser.csrf();
        assertNotNull(csrf, "signed in again, the tab keeps its session while no trusted page ran in this page");
        browser.open(rest, "#/plugins");
        browser.awaitView("plugins");
        assertEquals(csrf, browser.csrf(), "a reload resumes it");

        browser.navigate("#/ext/" + ID);
        slots.awaitMounted("page", ID);
        browser.await("[data-test=attempts-done]");
        assertNull(browser.csrf(), "a trusted page shown again: the tab keeps no session any more");
        outcomes(SANDBOXED.subList(0, SANDBOXED.size() - 1)).forEach((attempt, outcome) -> assertTrue(
                outcome.startsWith("blocked:"), attempt + " was not blocked: " + outcome));
        assertNothingReachedOut();
    }

    /** The text of each attempt's outcome on the page (the document the browser looks in now). */
    private static Map<String, String> outcomes(List<String> attempts) {
        Map<String, String> outcomes = new LinkedHashMap<>();
        for (String attempt : attempts) {
            outcomes.put(attempt, browser.one("[data-test=attempt-" + attempt + "]").getText().strip());
        }
        return outcomes;
    }

    private static void assertNothingReachedOut() throws Exception {
        assertEquals(List.of(), requests, "the listener elsewhere got no request");
        assertNull(browser.script("return window.hostileRan === undefined ? null : window.hostileRan"),
                "no script from elsewhere ran in the console");
        for (JsonValue entry : rest.get("/api/history").array()) {
            assertFalse("console".equals(entry.asJsonObject().getString("channel", "")),
                    "no operation was made with the console's session: " + entry);
        }
        assertEquals("enabled", rest.get("/api/plugins/" + ID).object().getString("state"));
    }

    private static String routeTarget() {
        try {
            return rest.get("/api/plugin/" + ID + "/target").body();
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tier of {@code plugin}'s page in the module list, or null. */
    private static String tier(String plugin) {
        try {
            return rest.get("/api/console/modules").object().getJsonArray("modules").stream()
                    .map(JsonValue::asJsonObject)
                    .filter(module -> module.getString("plugin").equals(plugin) && module.getString("slot").equals("page"))
                    .map(module -> module.getString("tier")).findFirst().orElse(null);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
