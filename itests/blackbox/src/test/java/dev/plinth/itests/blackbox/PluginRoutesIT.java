package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonString;

/**
 * Plugins' own routes: a plugin serves under {@code /api/plugin/<its id>/}; what it registers elsewhere (the
 * management API, another plugin's namespace) is refused, shown with the plugin and logged, also after a restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginRoutesIT {

    private static final String ROUTES = "dev.plinth.sample.routes";
    private static final String SQUATTER = "dev.plinth.sample.squatter";
    private static final String GREETING = "/api/plugin/" + ROUTES + "/greeting";

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(1024 * 1024));
    }

    @Test
    @Order(1)
    void aPluginServesJsonInItsNamespaceBehindTheToken() throws Exception {
        assertEquals(404, rest.get(GREETING).status(), "nothing there before the plugin");
        assertEquals(201, rest.upload("/api/plugins?enable", sample("dev.plinth.sample.routes.jar")).status());

        Response greeting = awaitStatus(GREETING + "?name=Ada", 200);
        assertEquals("application/json", greeting.contentType());
        assertEquals("Hello, Ada!", greeting.object().getString("greeting"));
        assertEquals("MISSING_TOKEN", rest.get(GREETING, null).problem(401));
        assertEquals(200, rest.get(GREETING, RestRuntime.VIEWER).status());
        assertEquals(List.of(), refused(ROUTES));
    }

    @Test
    @Order(2)
    void aPluginClaimingTheManagementApiOrAnotherNamespaceIsRefused() throws Exception {
        assertEquals(201, rest.upload("/api/plugins?enable", sample("dev.plinth.sample.squatter.jar")).status());
        awaitStatus("/api/plugin/" + SQUATTER + "/ok", 200);

        Response list = rest.get("/api/plugins");
        assertEquals(200, list.status(), list.toString());
        assertEquals(List.of(ROUTES, SQUATTER), list.array().stream()
                .map(value -> value.asJsonObject().getString("id")).toList(), "/api/plugins is still Plinth's");
        assertEquals(200, rest.get("/api/plugins/" + ROUTES).status());
        assertEquals("Hello, world!", rest.get(GREETING).object().getString("greeting"),
                "the other plugin's namespace is still its own");

        List<String> refused = refused(SQUATTER);
        assertEquals(2, refused.size(), refused.toString());
        assertTrue(refused.get(0).contains("/api/plugins/* is outside the plugin's namespace /api/plugin/"
                + SQUATTER + "/"), refused.toString());
        assertTrue(refused.get(1).contains("/api/plugin/" + ROUTES + "/* is outside"), refused.toString());
        String log = Files.readString(rest.home().resolve("data/log/plinth.log"));
        assertTrue(log.contains("refused a web registration of plugin " + SQUATTER), log);
    }

    @Test
    @Order(3)
    void theRulesHoldAfterARestartWhenPluginsStartBeforeTheServer() throws Exception {
        int port = rest.port();
        rest.close();
        rest = RestRuntime.start(rest.plinth(), port);

        assertEquals("Hello, world!", awaitStatus(GREETING, 200).object().getString("greeting"));
        assertEquals(200, awaitStatus("/api/plugin/" + SQUATTER + "/ok", 200).status());
        assertEquals(2, rest.get("/api/plugins").array().size());
        assertEquals(2, refused(SQUATTER).size());
    }

    @Test
    @Order(4)
    void pluginInfoShowsTheRefusals() throws Exception {
        int port = rest.port();
        rest.close();

        Plinth.Result info = rest.plinth().run(null, "exec", "plugin:info " + SQUATTER);
        assertEquals(0, info.exit(), info.toString());
        String refusals = info.out().substring(info.out().indexOf("Refused web routes:"));
        assertEquals(3, refusals.lines().count(), info.toString());
        assertTrue(refusals.contains("/api/plugins/* is outside the plugin's namespace /api/plugin/" + SQUATTER + "/"),
                info.toString());

        rest = RestRuntime.start(rest.plinth(), port);
    }

    @Test
    @Order(5)
    void aRemovedPluginsRoutesAndRefusalsGo() throws Exception {
        assertEquals(200, rest.delete("/api/plugins/" + SQUATTER).status());
        assertEquals(200, rest.post("/api/plugins/" + ROUTES + "/disable").status());

        assertEquals(404, awaitStatus(GREETING, 404).status());
        assertEquals(404, rest.get("/api/plugin/" + SQUATTER + "/ok").status());
        assertEquals(List.of(ROUTES), rest.get("/api/plugins").array().stream()
                .map(value -> value.asJsonObject().getString("id")).toList());
    }

    private static List<String> refused(String id) throws Exception {
        Response plugin = rest.get("/api/plugins/" + id);
        assertEquals(200, plugin.status(), plugin.toString());
        return plugin.object().getJsonArray("refusedRoutes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    /** GETs {@code path} until it answers {@code status}; the whiteboard may take a moment to follow a change. */
    private static Response awaitStatus(String path, int status) throws Exception {
        Response[] last = new Response[1];
        RestRuntime.await(() -> {
            try {
                last[0] = rest.get(path);
                return last[0].status() == status;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, path + " answering " + status);
        return last[0];
    }

    private static Path sample(String jar) {
        return rest.home().resolve("samples").resolve(jar);
    }
}
