package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonObject;

/**
 * A plugin's Apache Felix Health Checks as an operator reads them: the health sample, with the Health Check API the
 * distribution ships in {@code libraries/}, reports its queue through {@code GET /api/plugins/{id}/health}, and the
 * report follows its setting.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginHealthChecksIT {

    @RegisterExtension
    static final Browser browser = new Browser();

    private static final String HEALTH = "dev.plinth.sample.health";

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(1 << 20));
        Path home = rest.home();
        assertEquals(201, rest.upload("/api/plugins", home.resolve("libraries/org.apache.felix.healthcheck.api.jar"))
                .status());
        Response installed = rest.upload("/api/plugins?enable=true", home.resolve("samples/" + HEALTH + ".jar"));
        assertEquals(201, installed.status(), installed.toString());
    }

    @Test
    @Order(1)
    void theConsoleShowsThemOnThePluginsPage() throws Exception {
        browser.signIn(rest, rest.adminToken(), "#/plugins/" + HEALTH);
        browser.awaitView("plugin");
        assertEquals("ok", browser.await("[data-test=plugin-health-status]").getText().strip());
        assertTrue(browser.one("[data-test=plugin-health-checks]").getText().contains("the queue is 42% full"),
                browser.one("[data-test=plugin-health]").getText());
        browser.screenshot("plugin-health");
    }

    @Test
    @Order(2)
    void theChecksOfAPluginAreRunAndFollowItsSettings() throws Exception {
        JsonObject report = health();
        assertEquals(HEALTH, report.getString("id"), report.toString());
        assertEquals("ok", report.getString("status"), report.toString());
        JsonObject check = report.getJsonArray("checks").getJsonObject(0);
        assertEquals("Work queue", check.getString("name"), report.toString());
        assertEquals("queue", check.getJsonArray("tags").getString(0), report.toString());
        assertEquals("the queue is 42% full", check.getJsonArray("messages").getJsonObject(0).getString("message"),
                report.toString());

        Response set = rest.send(rest.request("/api/plugins/" + HEALTH + "/settings", rest.adminToken())
                .header("Content-Type", "application/json")
                .method("PATCH", BodyPublishers.ofString("{\"set\": {\"fill.percent\": \"90\"}}")));
        assertEquals(200, set.status(), set.toString());
        RestRuntime.await(() -> "warn".equals(healthOrNull()), "the check to report warn after the setting");
        assertTrue(health().toString().contains("the queue is 90% full"), health().toString());
    }

    @Test
    @Order(3)
    void aPluginWithoutChecksHasNoneAndAnUnknownPluginIsNotFound() throws Exception {
        Response api = rest.get("/api/plugins/org.apache.felix.healthcheck.api/health");
        assertEquals(200, api.status(), api.toString());
        assertEquals(0, api.object().getJsonArray("checks").size(), api.toString());
        assertTrue(api.object().isNull("status"), api.toString());
        assertEquals(404, rest.get("/api/plugins/org.example.none/health").status());
        assertEquals(401, rest.get("/api/plugins/" + HEALTH + "/health", null).status());
    }

    private static JsonObject health() throws Exception {
        Response answer = rest.get("/api/plugins/" + HEALTH + "/health");
        assertEquals(200, answer.status(), answer.toString());
        return answer.object();
    }

    private static String healthOrNull() {
        try {
            return health().getString("status");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
