package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A plugin's own console pages (the pages sample, {@code dev.plinth.sample.pages}) in a real Chromium, in the default,
 * sandboxed tier: nothing of them is loaded before a slot shows, the page and panel use the plugin's route through
 * the SDK, its settings editor changes its setting through the console's plan, an upgrade swaps the page in the
 * open console without a reload, a version written for another console SDK is refused in the plan naming both
 * versions, and a disabled plugin's page is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsolePluginPagesIT {

    private static final String ID = "dev.plinth.sample.pages";
    private static final String NOTE = "buy milk for the release";

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final ConsolePluginSlots slots = new ConsolePluginSlots(browser);

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    /** The module list's entry of the page before the upgrade, to show that its old revision is no longer served. */
    private static JsonObject firstPage;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(4 << 20));
        for (String sample : List.of("dev.plinth.sample.hello.jar", "dev.plinth.sample.routes.jar", ID + ".jar")) {
            Response installed = rest.upload("/api/plugins?enable=true", sample(sample));
            assertEquals(201, installed.status(), installed.toString());
        }
    }

    @Test
    @Order(1)
    void nothingOfAPluginsPageIsLoadedBeforeItsSlotShows() throws Exception {
        browser.open(rest, "#/plugins");
        browser.await("input#signin-token");
        slots.keepEveryResourceTiming();
        browser.one("input#signin-token").sendKeys(rest.adminToken());
        browser.one("button#signin-submit").click();
        browser.awaitView("plugins");
        browser.await("table[data-test=plugin-list] tr[data-plugin-id='" + ID + "']");

        WebElement link = browser.await(ConsolePluginSlots.nav(ID));
        assertEquals("Greetings", link.getText().strip(), "the page's title is its link in the navigation");
        assertTrue(link.getAttribute("href").endsWith("#/ext/" + ID), link.getAttribute("href"));
        browser.navigate("#/plugins/dev.plinth.sample.hello");
        browser.awaitView("plugin");
        assertEquals(List.of(), slots.pluginResources(), "nothing of a plugin's pages is asked for before one shows");
        assertEquals(1, slots.requestsOf("/api/console/modules"),
                "the console asked once for the module list, whatever the number of plugins listed");

        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        browser.one(ConsolePluginSlots.nav(ID)).click();
        WebElement page = slots.awaitMounted("page", ID);
        assertEquals("sandboxed", page.getAttribute("data-tier"), "a plugin's page is sandboxed unless trusted");
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/ext/" + ID), browser.driver().getCurrentUrl());
        List<String> asked = slots.pluginResources();
        assertTrue(asked.stream().anyMatch(url -> url.contains("/console/frames/" + ID + "/1.0.0/")
                && url.endsWith("/page.html")), "its frame is asked for once the page shows: " + asked);
        assertTrue(asked.stream().noneMatch(url -> url.contains("/panel.") || url.contains("/settings.")),
                "the slots not shown are still not asked for: " + asked);
        assertEquals("1.0.0", slots.inFrame("page", ID,
                () -> browser.await("[data-test=pages-version]").getText().strip()));
        browser.screenshot("plugin-page-sandboxed");
    }

    @Test
    @Order(2)
    void thePageRunsInASandboxedFrameAndUsesItsOwnRoute() throws Exception {
        WebElement frame = browser.one(ConsolePluginSlots.mounted("page", ID) + " iframe[data-test=ext-frame]");
        assertEquals("allow-scripts allow-forms", frame.getAttribute("sandbox"));
        assertEquals("no-referrer", frame.getAttribute("referrerpolicy"));
        assertNull(browser.script("return document.querySelector('iframe[data-test=ext-frame]').contentDocument"),
                "the frame's document has an origin of its own: the console cannot reach into it, nor it out");

        String shown = slots.inFrame("page", ID, () -> {
            assertTrue(browser.await("[data-test=pages-greeting]").getText().contains("Hello"),
                    "the page shows what its route answered");
            browser.one("[data-test=pages-form] input[name=text]").sendKeys(NOTE);
            browser.one("[data-test=pages-add]").click();
            return browser.await("the note in the page's list", driver -> browser.all("[data-test=pages-notes] li")
                    .stream().map(WebElement::getText).filter(NOTE::equals).findFirst().orElse(null));
        });
        assertEquals(NOTE, shown);
        Response notes = rest.get("/api/plugin/" + ID + "/notes");
        assertTrue(notes.object().getJsonArray("notes").getString(0).equals(NOTE),
                "the note reached the plugin's route with the operator's session: " + notes);

        Response set = rest.send(rest.request("/api/plugins/" + ID + "/settings", rest.adminToken())
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"set\": {\"greeting\": \"Hi\"}}")));
        assertEquals(200, set.status(), set.toString());
        String event = slots.inFrame("page", ID, () -> browser.await("the plugin's event on its page", driver -> {
            String text = browser.one("[data-test=pages-events]").getText();
            return text.startsWith("Last event: settings") ? text : null;
        }));
        assertTrue(event.startsWith("Last event: settings succeeded"), "the page follows its plugin's events: " + event);
    }

    @Test
    @Order(3)
    void thePanelAndTheSettingsEditorShowOnThePluginsPage() throws Exception {
        browser.navigate("#/plugins/" + ID);
        browser.awaitView("plugin");
        slots.awaitMounted("panel", ID);
        String count = slots.inFrame("panel", ID, () -> browser.await("the panel's count", driver -> {
            String text = browser.one("[data-test=pages-panel-count]").getText();
            return text.contains("note(s)") ? text : null;
        }));
        assertTrue(count.startsWith("1 note(s)"), count);

        slots.awaitMounted("settings", ID);
        slots.inFrame("settings", ID, () -> {
            WebElement field = browser.await("the greeting set before in the editor", driver -> {
                WebElement input = browser.one("[data-test=pages-greeting-field]");
                return "Hi".equals(input.getAttribute("value")) ? input : null;
            });
            field.clear();
            field.sendKeys("Howdy");
            browser.one("[data-test=pages-settings-save]").click();
            return null;
        });
        browser.await("dialog[data-test=plan][open] button[data-test=plan-confirm]").click();
        browser.await("[data-test=plan-outcome][data-outcome=succeeded]");
        browser.closePlan();
        assertEquals("Saved.", slots.inFrame("settings", ID, () -> browser.await("the editor's outcome", driver -> {
            String text = browser.one("[data-test=pages-settings-status]").getText().strip();
            return text.startsWith("Saved") || text.startsWith("Not") ? text : null;
        })));
        assertEquals("Howdy", greeting(), "the proposed setting was stored as the operator's");
        assertEquals("Howdy", rest.get("/api/plugin/" + ID + "/notes").object().getString("greeting"),
                "and delivered to the plugin");
        browser.screenshot("plugin-panel-and-settings");

        assertFalse(browser.one("[data-test=settings-generated]").isDisplayed(),
                "the plugin's editor stands in place of the generated form");
        browser.one("button[data-test=generated-settings-toggle]").click();
        browser.await("[data-test=settings-generated] form[data-test=settings][data-pid='sample.pages']");
    }

    @Test
    @Order(4)
    void anUpgradeSwapsThePageInTheOpenConsoleWithoutAReload() throws Exception {
        browser.navigate("#/ext/" + ID);
        WebElement page = slots.awaitMounted("page", ID);
        assertTrue(page.getAttribute("data-revision").startsWith("1.0.0/"), page.getAttribute("data-revision"));
        firstPage = module("page");
        assertEquals(200, console(firstPage.getString("frame")).status(), "the frame of 1.0.0 is served");
        browser.script("window.plinthNotReloaded = true");

        Response upgraded = rest.upload("/api/plugins/" + ID + "/upgrade", sample(ID + "-2.jar"));
        assertEquals(200, upgraded.status(), upgraded.toString());

        browser.await("the page of 2.0.0", driver -> browser.all(ConsolePluginSlots.mounted("page", ID)
                + "[data-revision^='2.0.0/']").stream().findFirst().orElse(null));
        assertEquals("2.0.0", slots.inFrame("page", ID,
                () -> browser.await("[data-test=pages-version]").getText().strip()));
        assertEquals(Boolean.TRUE, browser.script("return window.plinthNotReloaded === true"),
                "the page was swapped in place: the console was not reloaded");
        assertEquals(1, browser.all(ConsolePluginSlots.section("page", ID) + " iframe").size(),
                "the frame of 1.0.0 was removed");
        assertEquals(404, console(firstPage.getString("frame")).status(), "1.0.0's frame is no longer served");
        assertEquals(404, console(firstPage.getString("entry")).status(), "nor its module");
        JsonObject second = module("page");
        Response entry = console(second.getString("entry"));
        assertEquals(200, entry.status(), entry.toString());
        assertTrue(entry.header("Cache-Control").contains("immutable"), entry.header("Cache-Control"));
        browser.screenshot("plugin-page-upgraded");
    }

    @Test
    @Order(5)
    void aVersionForAnotherConsoleSdkIsRefusedInThePlanNamingBothVersions() throws Exception {
        browser.navigate("#/plugins/" + ID);
        browser.awaitView("plugin");
        WebElement file = browser.await("the upgrade's file field", driver -> browser.all("input#upgrade-file").stream()
                .findFirst().orElse(null));
        file.sendKeys(sample(ID + "-3.jar").toString());

        WebElement refusal = browser.await("dialog[data-test=plan][open] [data-test=plan-error]");
        String words = refusal.getText();
        assertTrue(words.contains(ID + " 3.0.0") && words.contains("console SDK") && words.contains("[2.0.0,3.0.0)")
                && words.contains("1.0.0"), "the refusal names the SDK 3.0.0 needs and the one this runtime has: "
                        + words);
        assertFalse(browser.present("dialog[data-test=plan][open] button[data-test=plan-confirm]"),
                "a refused plan cannot be confirmed");
        browser.screenshot("plan-refused-console-sdk");
        browser.closePlan();
        assertEquals("2.0.0", rest.get("/api/plugins/" + ID).object().getString("version"), "nothing changed");

        Response dryRun = rest.upload("/api/plugins/" + ID + "/upgrade?dryRun", sample(ID + "-3.jar"));
        assertEquals("INCOMPATIBLE", dryRun.problem(422));
        String detail = dryRun.object().getString("detail");
        assertTrue(detail.contains("[2.0.0,3.0.0)") && detail.contains("1.0.0"), detail);
        assertEquals("2.0.0", rest.get("/api/plugins/" + ID).object().getString("version"));
    }

    @Test
    @Order(6)
    void aDisabledPluginsPageIsGoneAndComesBackWhenItIsEnabled() throws Exception {
        browser.navigate("#/ext/" + ID);
        slots.awaitMounted("page", ID);
        String frame = module("page").getString("frame");

        assertEquals(200, rest.post("/api/plugins/" + ID + "/disable").status());
        WebElement gone = browser.await(ConsolePluginSlots.section("page", ID) + " [data-test=ext-gone]");
        assertEquals("This plugin's page is not available: the plugin is not enabled.", gone.getText().strip());
        browser.awaitGone(ConsolePluginSlots.nav(ID));
        assertFalse(browser.present(ConsolePluginSlots.section("page", ID) + " iframe"), "its frame is removed");
        assertEquals(404, console(frame).status(), "a disabled plugin's files are not served");
        assertTrue(rest.get("/api/console/modules").object().getJsonArray("modules").stream()
                .map(JsonValue::asJsonObject).noneMatch(module -> module.getString("plugin").equals(ID)));

        assertEquals(200, rest.post("/api/plugins/" + ID + "/enable").status());
        browser.await(ConsolePluginSlots.nav(ID));
        slots.awaitMounted("page", ID);
        assertEquals("2.0.0", slots.inFrame("page", ID,
                () -> browser.await("[data-test=pages-version]").getText().strip()));
    }

    @Test
    @Order(7)
    void noScriptFailedAndThePolicyRefusedNothing() {
        assertEquals(List.of(), browser.scriptErrors(), "the pages logged no error in all the steps");
    }

    /** The module list's entry of the sample's {@code slot}. */
    private static JsonObject module(String slot) throws Exception {
        Response modules = rest.get("/api/console/modules");
        assertEquals(200, modules.status(), modules.toString());
        return modules.object().getJsonArray("modules").stream().map(JsonValue::asJsonObject)
                .filter(module -> module.getString("plugin").equals(ID) && module.getString("slot").equals(slot))
                .findFirst().orElseThrow(() -> new AssertionError("no " + slot + " of " + ID + " in " + modules));
    }

    /** A GET of a file of the console (no token: the console's files need none). */
    private static Response console(String path) throws Exception {
        return rest.sendUnchecked(HttpRequest.newBuilder(rest.uri(path)).timeout(RestRuntime.BOUND).GET().build());
    }

    private static String greeting() throws Exception {
        JsonObject settings = rest.get("/api/plugins/" + ID + "/settings").object();
        return settings.getJsonArray("configurations").stream().map(JsonValue::asJsonObject)
                .flatMap(c -> c.getJsonArray("settings").stream().map(JsonValue::asJsonObject))
                .filter(s -> s.getString("key").equals("greeting")).findFirst()
                .map(s -> s.getJsonArray("value").getString(0)).orElse(null);
    }

    private static Path sample(String jar) {
        return rest.home().resolve("samples").resolve(jar);
    }
}
