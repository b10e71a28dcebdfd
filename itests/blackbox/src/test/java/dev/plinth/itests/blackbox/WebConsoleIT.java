package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.itests.blackbox.RestRuntime.Response;

/**
 * The web console of the assembled runtime in a real (headless) Chromium, used as an operator would with the admin
 * token: sign-in, a plugin installed by upload through its plan, a jar of the deploy directory appearing in the open
 * list, a refused removal naming the dependents, the graph's blast radius, the catalogue, history and runtime views,
 * markup in a plugin's headers shown as text, and sign-out. One runtime and one browser are shared by the ordered
 * steps; each view is saved as a screenshot ({@code target/screenshots/<view>.png}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleIT {

    private static final String HELLO = "dev.plinth.sample.hello";
    private static final String GREETER_EN = "dev.plinth.sample.greeter.en";
    private static final String GREETING = "dev.plinth.sample.greeting";
    private static final String MARKUP = "dev.plinth.itests.markup";
    private static final String MARKUP_NAME = "<script>window.pwned='name';alert('name')</script>"
            + "<b id=\"injected-name\">Bold</b> & Co";
    private static final String MARKUP_DESCRIPTION = "<img src=x onerror=\"window.pwned='description';alert(1)\">"
            + "<i id=\"injected-description\">italic</i> </td></tr><tr><td>row";

    @RegisterExtension
    static final Browser browser = new Browser();

    @TempDir
    static Path unpacked;

    @TempDir
    static Path jars;

    @AutoClose
    private static RestRuntime rest;

    /** The session cookie of the signed-in browser, kept to show that sign-out ends it. */
    private static String cookie;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(4 << 20));
    }

    @Test
    @Order(1)
    void theAdminSignsInWithTheTokenOfTheHome() throws Exception {
        browser.open(rest, "#/plugins");
        browser.await("input#signin-token");
        browser.screenshot("sign-in");
        assertNull(browser.sessionCookie(), "no session before signing in");

        browser.one("input#signin-token").sendKeys(rest.adminToken() + "x");
        browser.one("button#signin-submit").click();
        WebElement error = browser.await("[data-test=signin-error]");
        assertFalse(error.getText().isBlank(), "a wrong token is refused in words");
        assertNull(browser.sessionCookie(), "and opens no session");

        browser.signIn(rest, rest.adminToken(), "#/plugins");
        assertEquals("admin · admin", browser.one("[data-test=whoami]").getText().strip());
        browser.awaitView("plugins");
        browser.await("table[data-test=plugin-list]");
        cookie = browser.sessionCookie();
        assertTrue(cookie != null && !cookie.isEmpty(), "signed in with a session cookie");
        String stored = (String) browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage)"
                + " + document.cookie + location.href + document.documentElement.outerHTML"
                + " + Array.from(document.querySelectorAll('input')).map(e => e.value).join()");
        assertFalse(stored.contains(rest.adminToken()), "the token is kept nowhere in the page: " + stored);
        assertFalse(stored.contains(cookie), "the session cookie is out of the page's reach (HttpOnly)");
    }

    @Test
    @Order(2)
    void aPluginUploadedIsInstalledThroughItsPlanAndListedEnabled() throws Exception {
        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        WebElement enable = browser.one("input#install-enable");
        if (!enable.isSelected()) {
            enable.click();
        }
        Path notAJar = Files.writeString(jars.resolve("notes.jar"), "this is not a zip");
        browser.one("input#install-file").sendKeys(notAJar.toString());
        WebElement refused = browser.await("dialog[data-test=plan][open] [data-test=plan-error]");
        assertFalse(refused.getText().isBlank(), "a file that is no jar is refused in words");
        assertFalse(browser.present("dialog[data-test=plan][open] button[data-test=plan-confirm]"));
        browser.closePlan();

        browser.one("input#install-file").sendKeys(sample("dev.plinth.sample.greeter.en.jar").toString());

        browser.await("dialog[data-test=plan][open]");
        List<String> steps = browser.await("the plan's four steps", driver -> {
            List<String> texts = texts("dialog[data-test=plan][open] [data-test=plan-steps] li");
            return texts.size() == 4 ? texts : null;
        });
        assertTrue(steps.get(0).contains("add-library") && steps.get(0).contains(GREETING), steps.toString());
        assertTrue(steps.get(1).contains("install") && steps.get(1).contains(GREETER_EN), steps.toString());
        assertTrue(steps.get(2).contains("start") && steps.get(2).contains(GREETING), steps.toString());
        assertTrue(steps.get(3).contains("start") && steps.get(3).contains(GREETER_EN), steps.toString());
        assertEquals(404, rest.get("/api/plugins/" + GREETER_EN).status(), "the plan changed nothing");
        browser.screenshot("plan-dialog");

        browser.one("button[data-test=plan-confirm]").click();
        browser.await("[data-test=plan-outcome][data-outcome=succeeded]");
        browser.closePlan();

        assertEquals("enabled", stateCell(GREETER_EN), "the row appears, enabled");
        assertEquals("enabled", rest.get("/api/plugins/" + GREETER_EN).object().getString("state"));
    }

    @Test
    @Order(3)
    void aJarCopiedIntoTheDeployDirectoryAppearsInTheOpenList() throws Exception {
        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        browser.script("window.plinthNotReloaded = true");
        assertFalse(browser.present("tr[data-plugin-id='" + HELLO + "']"));

        Path staged = Files.copy(sample("dev.plinth.sample.hello.jar"), rest.home().resolve("hello.jar.staged"));
        Files.move(staged, rest.home().resolve("deploy/hello.jar"), StandardCopyOption.ATOMIC_MOVE);

        assertEquals("enabled", stateCell(HELLO));
        assertEquals(Boolean.TRUE, browser.script("return window.plinthNotReloaded === true"),
                "the row came without a reload of the page");
        browser.screenshot("plugin-list");

        WebElement search = browser.one("input#plugin-search");
        search.sendKeys("english greeter");
        browser.await("the search to keep the English greeter alone", driver -> shownRows()
                .equals(List.of(GREETER_EN)) ? Boolean.TRUE : null);
        assertTrue(browser.one("[data-test=plugin-count]").getText().contains("1"),
                browser.one("[data-test=plugin-count]").getText());
        search.clear();
        search.sendKeys(" ");
        search.sendKeys(org.openqa.selenium.Keys.BACK_SPACE);
        browser.await("every row again", driver -> shownRows().containsAll(List.of(GREETER_EN, HELLO)) ? Boolean.TRUE
                : null);
    }

    @Test
    @Order(4)
    void removingALibraryOthersNeedIsRefusedNamingThem() throws Exception {
        browser.navigate("#/plugins/" + GREETING);
        browser.awaitView("plugin");
        browser.await("button[data-action=remove]").click();

        WebElement refusal = browser.await("dialog[data-test=plan][open] [data-test=plan-error]");
        assertTrue(refusal.getText().contains(GREETER_EN), "the refusal names the dependent: " + refusal.getText());
        assertFalse(browser.present("dialog[data-test=plan][open] button[data-test=plan-confirm]"),
                "a refused plan cannot be confirmed");
        browser.one("dialog[data-test=plan][open] button[data-test=plan-cancel]").click();
        browser.awaitGone("dialog[data-test=plan][open]");
        assertEquals(200, rest.get("/api/plugins/" + GREETING).status(), "nothing was removed");
        assertEquals("enabled", rest.get("/api/plugins/" + GREETER_EN).object().getString("state"));

        browser.driver().navigate().back();
        browser.awaitView("plugins");
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/plugins"), "the back button goes back to the list");
    }

    @Test
    @Order(5)
    void theGraphShowsTheBlastRadiusOfARemoval() throws Exception {
        browser.navigate("#/plugins/" + GREETER_EN);
        browser.awaitView("plugin");
        browser.await("button[data-action=remove]").click();
        browser.await("dialog[data-test=plan][open] a[data-test=plan-graph]").click();
        browser.awaitGone("dialog[data-test=plan][open]");
        browser.awaitView("graph");
        assertEquals(1, browser.driver().getWindowHandles().size(), "the graph opened in the console's tab");
        assertTrue(browser.driver().getCurrentUrl().contains("#/graph?verb=remove&id=" + GREETER_EN),
                "the plan's link leads to its graph, the plan closed: " + browser.driver().getCurrentUrl());
        browser.await("svg[data-test=graph]");
        WebElement target = browser.await("svg[data-test=graph] g[data-node='" + GREETER_EN + "'].blast");
        assertTrue(classes(target).contains("target"), "the removed plugin is the target: " + classes(target));
        WebElement library = browser.await("svg[data-test=graph] g[data-node='" + GREETING + "'].blast");
        assertTrue(classes(library).contains("library"), "its library goes with it: " + classes(library));
        WebElement bystander = browser.one("svg[data-test=graph] g[data-node='" + HELLO + "']");
        assertFalse(classes(bystander).contains("blast"), "a plugin the removal does not touch stays out of it");
        assertTrue(browser.present("svg[data-test=graph] path[data-from='" + GREETER_EN + "'][data-to='" + GREETING
                + "']"), "the wire from the plugin to its library is drawn");
        for (String id : new String[] {GREETER_EN, GREETING, HELLO}) {
            assertTrue((Boolean) browser.script("const node = document.querySelector(\"g[data-node='\" + arguments[0]"
                    + " + \"']\").getBoundingClientRect(); const stage = document.querySelector('svg[data-test=graph]')"
                    + ".getBoundingClientRect(); return node.left >= stage.left && node.right <= stage.right"
                    + " && node.top >= stage.top && node.bottom <= stage.bottom;", id), id + " is in sight");
        }
        browser.screenshot("graph");
        assertEquals("enabled", rest.get("/api/plugins/" + GREETER_EN).object().getString("state"),
                "showing the blast radius changed nothing");
    }

    @Test
    @Order(6)
    void markupInAPluginsHeadersIsShownAsText() throws Exception {
        Path jar = BundleJar.bundle(MARKUP, "1.0.0").header("Bundle-Name", MARKUP_NAME)
                .header("Bundle-Description", MARKUP_DESCRIPTION).header("Bundle-DocURL", "javascript:window.pwned='doc'")
                .writeTo(jars.resolve("markup.jar"));
        assertEquals(201, rest.upload("/api/plugins", jar).status());

        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        WebElement name = browser.await("tr[data-plugin-id='" + MARKUP + "'] td[data-col=name]");
        assertEquals(MARKUP_NAME, name.getText().strip(), "the name is shown as written");

        browser.navigate("#/plugins/" + MARKUP);
        browser.awaitView("plugin");
        assertEquals(MARKUP_NAME, browser.await("[data-test=plugin-title]").getText().strip());
        assertEquals(MARKUP_DESCRIPTION.strip(), browser.await("[data-test=plugin-description]").getText().strip());
        assertNoInjection();

        String file = "<img src=x onerror=\"window.pwned='file'\">.jar";
        Path staged = BundleJar.bundle(MARKUP + ".deployed", "1.0.0").header("Bundle-Name", MARKUP_NAME)
                .writeTo(rest.home().resolve("markup.jar.staged"));
        Files.move(staged, rest.home().resolve("deploy").resolve(file), StandardCopyOption.ATOMIC_MOVE);
        for (String view : List.of("graph", "history", "runtime")) {
            browser.navigate("#/" + view);
            browser.awaitView(view);
            if (view.equals("runtime")) {
                browser.await("the deployed file named with markup", driver -> browser
                        .all("table[data-test=deploy-files] tr").stream().anyMatch(row -> row.getText().contains(file))
                                ? Boolean.TRUE : null);
            }
            assertNoInjection();
        }
    }

    @Test
    @Order(7)
    void theCatalogueListsTheSamples() throws Exception {
        browser.navigate("#/catalog");
        browser.awaitView("catalog");
        browser.await("table[data-test=catalog]");
        browser.await("tr[data-entry-id='" + HELLO + "']");
        assertTrue(browser.present("tr[data-entry-id='dev.plinth.sample.greeter.fr'] button[data-action=install-catalog]"),
                "a plugin not installed can be installed from the catalogue");
        browser.screenshot("catalogue");

        browser.one("tr[data-entry-id='dev.plinth.sample.greeter.fr'] button[data-action=install-catalog]").click();
        List<String> steps = browser.await("the plan of the catalogue's install", driver -> {
            List<String> texts = texts("dialog[data-test=plan][open] [data-test=plan-steps] li");
            return texts.isEmpty() ? null : texts;
        });
        assertTrue(steps.stream().anyMatch(step -> step.contains("install") && step.contains("greeter.fr")),
                steps.toString());
        browser.one("dialog[data-test=plan][open] button[data-test=plan-confirm]").click();
        browser.await("[data-test=plan-outcome][data-outcome=succeeded]");
        browser.closePlan();
        assertEquals(200, rest.get("/api/plugins/dev.plinth.sample.greeter.fr").status(), "installed from the catalogue");
    }

    @Test
    @Order(8)
    void theHistorySaysWhoDidWhat() throws Exception {
        browser.navigate("#/history");
        browser.awaitView("history");
        browser.await("table[data-test=history]");
        WebElement install = browser.await("the console's install in the history", driver -> driver
                .findElements(By.cssSelector("table[data-test=history] tr[data-seq]")).stream()
                .filter(row -> cell(row, "target").contains(GREETER_EN) && cell(row, "verb").contains("install"))
                .findFirst().orElse(null));
        assertTrue(cell(install, "outcome").contains("succeeded"), install.getText());
        assertTrue(cell(install, "who").contains("admin"), "the console's install is the admin's: " + install.getText());
        jakarta.json.JsonObject recorded = rest.get("/api/history?verb=install&target=" + GREETER_EN).array()
                .getJsonObject(0);
        assertEquals("console", recorded.getString("channel"), recorded.toString());
        assertEquals("admin", recorded.getString("by"), recorded.toString());
        WebElement deployed = browser.await("the deploy directory's install in the history", driver -> driver
                .findElements(By.cssSelector("table[data-test=history] tr[data-seq]")).stream()
                .filter(row -> cell(row, "target").contains(HELLO)).findFirst().orElse(null));
        assertTrue(cell(deployed, "who").contains("deploy"), deployed.getText());
        browser.screenshot("history");

        browser.one("input#history-who").sendKeys("deploy");
        browser.await("the history of the deploy directory alone", driver -> {
            List<WebElement> rows = browser.all("table[data-test=history] tr[data-seq]");
            return !rows.isEmpty() && rows.stream().allMatch(row -> cell(row, "who").contains("deploy"))
                    ? Boolean.TRUE : null;
        });
        new org.openqa.selenium.support.ui.Select(browser.one("select#history-verb")).selectByValue("remove");
        browser.await("no removal by the deploy directory", driver -> browser
                .all("table[data-test=history] tr[data-seq]").isEmpty() ? Boolean.TRUE : null);
    }

    @Test
    @Order(9)
    void theRuntimeViewShowsHealthAndTheDeployDirectory() throws Exception {
        browser.navigate("#/runtime");
        browser.awaitView("runtime");
        assertFalse(browser.await("[data-test=health-status]").getText().isBlank());
        browser.await("the deployed jar in the deploy files", driver -> browser
                .all("table[data-test=deploy-files] tr").stream().anyMatch(row -> row.getText().contains("hello.jar"))
                        ? Boolean.TRUE : null);
        browser.screenshot("runtime");
    }

    @Test
    @Order(10)
    void aSessionEndedElsewhereSendsThePageToSignIn() throws Exception {
        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        String csrf = browser.csrf();
        Response ended = rest.send(ConsoleSession.withCookie(rest, "/api/session", cookie)
                .header("X-Plinth-CSRF", csrf).DELETE());
        assertEquals(204, ended.status(), ended.toString());

        browser.navigate("#/history");
        browser.await("input#signin-token").sendKeys(rest.adminToken());
        assertFalse(browser.present("table[data-test=history] tr[data-seq]"), "nothing is shown without a session");

        browser.one("button#signin-submit").click();
        browser.awaitView("history");
        assertTrue(browser.driver().getCurrentUrl().endsWith("#/history"), "signed in again, the page is the same");
        cookie = browser.sessionCookie();
    }

    @Test
    @Order(11)
    void eachTabSignsInAndOutOnItsOwn() throws Exception {
        browser.navigate("#/plugins");
        browser.awaitView("plugins");
        String firstCsrf = browser.csrf();
        assertNotNull(firstCsrf, "the first tab keeps its session in its sessionStorage");
        String first = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB);
        String second = browser.driver().getWindowHandle();
        try {
            browser.open(rest, "#/history");
            browser.await("input#signin-token");
            assertFalse(browser.present("[data-test=whoami]:not(:empty)"), "another tab does not share the first one's session");
            assertNull(browser.csrf(), "nor does it find the first tab's CSRF value");
            browser.signIn(rest, rest.adminToken(), "#/history");
            browser.awaitView("history");
            String secondCsrf = browser.csrf();
            assertTrue(secondCsrf != null && !secondCsrf.equals(firstCsrf), "the second tab signed in to a session of its own");

            browser.driver().switchTo().window(first);
            assertEquals(firstCsrf, browser.csrf(), "the first tab keeps its own session");
            browser.navigate("#/history");
            browser.awaitView("history");
            assertEquals("admin · admin", browser.one("[data-test=whoami]").getText().strip(),
                    "the second tab's sign-in leaves the first one signed in");

            browser.driver().switchTo().window(second);
            browser.one("button#signout").click();
            browser.await("input#signin-token");
            assertNull(browser.csrf(), "the tab signed out keeps nothing of its session");
            browser.open(rest, "#/plugins");
            browser.await("input#signin-token");
            assertFalse(browser.present("table[data-test=plugin-list]"), "a reload of that tab stays signed out");

            browser.driver().switchTo().window(first);
            browser.navigate("#/plugins");
            browser.awaitView("plugins");
            browser.await("table[data-test=plugin-list] tr[data-plugin-id]");
            browser.open(rest, "#/plugins");
            browser.awaitView("plugins");
            assertEquals("admin · admin", browser.one("[data-test=whoami]").getText().strip(),
                    "signing out in one tab leaves the other signed in, across its reload too");
            assertEquals(firstCsrf, browser.csrf());
            cookie = browser.sessionCookie();
        } finally {
            browser.driver().switchTo().window(second).close();
            browser.driver().switchTo().window(first);
        }
    }

    @Test
    @Order(12)
    void noScriptFailedAndThePolicyRefusedNothing() {
        assertEquals(List.of(), browser.scriptErrors(), "the page logged no error of its own in all the steps");
    }

    private static void assertNoInjection() {
        assertNull(browser.alert(), "no script of the headers ran");
        assertNull(browser.script("return window.pwned === undefined ? null : window.pwned"), "no handler ran");
        assertFalse(browser.present("#injected-name") || browser.present("#injected-description"),
                "no element of the headers' markup was made");
        assertFalse(browser.present("img[src=x]"));
        assertFalse(browser.present("a[href^='javascript:' i]"), "no link runs script");
    }

    /** Waits for the plugin's row and returns its state as the list shows it. */
    private static String stateCell(String id) {
        return browser.await(id + " listed as enabled", driver -> {
            List<WebElement> cells = browser.all("tr[data-plugin-id='" + id + "'] td[data-col=state]");
            return cells.isEmpty() || !cells.get(0).getText().contains("enabled") ? null : cells.get(0).getText();
        }).strip();
    }

    /** The ids of the plugin list's rows shown now. */
    private static List<String> shownRows() {
        return browser.all("table[data-test=plugin-list] tr[data-plugin-id]").stream().filter(WebElement::isDisplayed)
                .map(row -> row.getAttribute("data-plugin-id")).toList();
    }

    private static String cell(WebElement row, String column) {
        List<WebElement> cells = row.findElements(By.cssSelector("td[data-col=" + column + "]"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private static List<String> texts(String css) {
        return browser.all(css).stream().map(WebElement::getText).map(String::strip).toList();
    }

    private static List<String> classes(WebElement element) {
        return List.of(element.getAttribute("class").split("\\s+"));
    }

    private static Path sample(String jar) {
        return rest.home().resolve("samples").resolve(jar);
    }
}
