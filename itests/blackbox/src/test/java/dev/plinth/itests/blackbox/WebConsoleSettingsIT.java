package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

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

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * A plugin's settings in the web console (the settings sample, {@code dev.plinth.sample.settings}): a form that
 * saves valid values, refuses a bad one with the server's word at the field and stores nothing, and a secret that is
 * delivered but never readable back, neither in the page nor through the API.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleSettingsIT {

    private static final String ID = "dev.plinth.sample.settings";
    private static final String MAIL = "sample.settings.mail";
    private static final String FORM = "form[data-test=settings][data-pid='" + MAIL + "']";
    private static final String API = "/api/plugins/" + ID + "/settings";
    /** The operator's secret, unique to this run, so that finding it anywhere means it leaked. */
    private static final String SECRET = "console-pw-" + UUID.randomUUID();

    @RegisterExtension
    static final Browser browser = new Browser();

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(4 << 20));
        assertEquals(201, rest.upload("/api/plugins?enable=true",
                rest.home().resolve("samples/dev.plinth.sample.settings.jar")).status());
        browser.signIn(rest, rest.adminToken(), "#/plugins/" + ID);
    }

    @Test
    @Order(1)
    void validValuesAreSavedAsTheOperators() throws Exception {
        browser.awaitView("plugin");
        browser.script("arguments[0].scrollIntoView()", browser.await(FORM));
        browser.screenshot("plugin-page");
        type("host", "mail.example.org");
        type("port", "587");
        save();

        browser.await("port 587 stored", driver -> "587".equals(value("port")) ? Boolean.TRUE : null);
        assertEquals("operator", setting("port").getString("source"));
        assertEquals("mail.example.org", setting("host").getJsonArray("value").getString(0));
        assertEquals(List.of(), shownErrors(), "no error after a valid save");
    }

    @Test
    @Order(2)
    void aValueOutOfRangeIsRefusedAtItsFieldAndNothingIsStored() throws Exception {
        String before = Files.readString(store());
        type("port", "70000");
        save();

        WebElement error = browser.await(FORM + " [data-test=field-error][data-key=port]");
        assertTrue(error.getText().contains("maximum"), "the server's reason is shown at the field: " + error.getText());
        assertEquals(before, Files.readString(store()), "nothing was stored");
        assertEquals("587", value("port"), "the stored value stays");
        browser.screenshot("settings-refused");

        browser.open(rest, "#/plugins/" + ID);
        browser.awaitView("plugin");
        type("port", "1e");
        save();
        WebElement unreadable = browser.await(FORM + " [data-test=field-error][data-key=port]");
        assertTrue(unreadable.getText().contains("not a value of type integer"), unreadable.getText());
        assertEquals(before, Files.readString(store()), "a half-typed number is not sent as emptied");
        assertEquals("587", value("port"), "the stored value stays");
    }

    @Test
    @Order(3)
    void aSecretIsNeverReadableBack() throws Exception {
        browser.open(rest, "#/plugins/" + ID);
        browser.awaitView("plugin");
        WebElement password = browser.await(FORM + " input[name='.password']");
        assertEquals("password", password.getAttribute("type"));
        assertEquals("", password.getAttribute("value"));
        password.sendKeys(SECRET);
        save();

        browser.await("the secret shown as set", driver -> {
            List<String> errors = visibleErrors();
            if (!errors.isEmpty()) {
                throw new AssertionError("the secret was refused: " + errors);
            }
            return browser.all(FORM + " [data-test=secret-state]").stream()
                    .anyMatch(state -> state.getText().strip().equals("set")) ? Boolean.TRUE : null;
        });
        assertTrue(setting(".password").getBoolean("set"), "the secret was stored");
        assertEquals("", browser.one(FORM + " input[name='.password']").getAttribute("value"),
                "the field is empty again");
        assertNotInThePage();

        browser.open(rest, "#/plugins/" + ID);
        browser.awaitView("plugin");
        browser.await(FORM + " input[name='.password']");
        assertNotInThePage();
        String settings = rest.get(API).body();
        assertFalse(settings.contains(SECRET), "GET " + API + " never holds the secret: " + settings);
        assertFalse(Files.readString(store()).contains(SECRET), "it is stored sealed");
    }

    @Test
    @Order(4)
    void anUpgradeTheStoredSettingsDoNotFitIsRefusedOfferedForcedAndRolledBack() throws Exception {
        browser.open(rest, "#/plugins/" + ID);
        browser.awaitView("plugin");
        WebElement file = browser.await("the upgrade's file field", driver -> browser.all("input#upgrade-file").stream()
                .findFirst().orElse(null));
        file.sendKeys(rest.home().resolve("samples/dev.plinth.sample.settings-2.jar").toString());

        WebElement refusal = browser.await("dialog[data-test=plan][open] [data-test=plan-error]");
        assertTrue(refusal.getText().contains("port"), "the refusal names the key: " + refusal.getText());
        assertFalse(browser.present("dialog[data-test=plan][open] button[data-test=plan-confirm]"));
        assertEquals("1.0.0", version(), "nothing changed");

        browser.one("dialog[data-test=plan][open] button[data-action=force]").click();
        browser.await("dialog[data-test=plan][open] button[data-test=plan-confirm]").click();
        browser.await("[data-test=plan-outcome][data-outcome=succeeded]");
        browser.closePlan();
        assertEquals("2.0.0", version());
        assertEquals("misconfigured", rest.get(API).object().getString("status"));
        browser.await("the page saying it runs misconfigured", driver -> browser.one("main").getText()
                .contains("misconfigured") ? Boolean.TRUE : null);

        browser.await("button[data-action=rollback]").click();
        browser.await("dialog[data-test=plan][open] button[data-test=plan-confirm]").click();
        browser.await("[data-test=plan-outcome][data-outcome=succeeded]");
        browser.closePlan();
        assertEquals("1.0.0", version(), "rolled back");
    }

    private static String version() throws Exception {
        return rest.get("/api/plugins/" + ID).object().getString("version");
    }

    private static void assertNotInThePage() {
        assertFalse(browser.source().contains(SECRET), "the page's source never holds the secret");
        Object values = browser.script("return Array.from(document.querySelectorAll('input, textarea, select'))"
                + ".map(e => e.value).join('\\n') + document.documentElement.outerHTML"
                + " + JSON.stringify(localStorage) + JSON.stringify(sessionStorage)");
        assertFalse(String.valueOf(values).contains(SECRET), "no field, element or storage of the page holds it");
    }

    /** The errors the form shows (the form's own and each field's), as text. */
    private static List<String> shownErrors() {
        return browser.await("the form's errors", driver -> visibleErrors());
    }

    private static List<String> visibleErrors() {
        return browser.all(FORM + " [data-test=settings-error], " + FORM + " [data-test=field-error]").stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    /** Types into the field, again into the new one when the view draws the form again meanwhile. */
    private static void type(String key, String text) {
        browser.await("field " + key + " typed into", driver -> {
            WebElement input = driver.findElement(By.cssSelector(FORM + " [name='" + key + "']"));
            input.clear();
            input.sendKeys(text);
            return Boolean.TRUE;
        });
    }

    private static void save() {
        browser.one(FORM + " button[data-test=settings-save]").click();
    }

    /** The value of {@code key} as the API lists it (its first value), or null. */
    private static String value(String key) {
        try {
            List<JsonValue> values = setting(key).getJsonArray("value");
            return values.isEmpty() ? null : values.get(0).toString().replace("\"", "");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject setting(String key) throws Exception {
        JsonObject view = rest.get(API).object();
        return view.getJsonArray("configurations").stream().map(JsonValue::asJsonObject)
                .filter(c -> c.getString("pid").equals(MAIL)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + MAIL + " in " + view))
                .getJsonArray("settings").stream().map(JsonValue::asJsonObject)
                .filter(s -> s.getString("key").equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + view));
    }

    private static Path store() {
        return rest.home().resolve("data/settings/" + ID + ".json");
    }
}
