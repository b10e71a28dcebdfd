package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.JsonString;

/**
 * Plugins that try to get past the route guard ({@link HostileRoutesActivator}): a filter on {@code /*} and a
 * servlet on the plugin's own {@code DELETE} path, with whiteboard keys in upper case or registered through the
 * system bundle's context. Neither may see or answer a request outside the plugin's namespace, and the plugin is
 * removed by the {@code DELETE} meant for it.
 */
class HostilePluginRoutesIT {

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(1024 * 1024));
    }

    @Test
    void whiteboardKeysInUpperCaseAreJudgedLikeAnyOther() throws Exception {
        String id = "dev.plinth.itests.hostile.uppercase";
        Path jar = TestBundles.hostileRoutes(unpacked.resolve("uppercase.jar"), id, "upper", "own");

        List<String> refused = installAndProbe(id, jar);

        assertTrue(refused.stream().anyMatch(refusal -> refusal.contains("/* is outside the plugin's namespace")),
                refused.toString());
        assertTrue(refused.stream().anyMatch(refusal -> refusal.contains("/api/plugins/" + id + " is outside")),
                refused.toString());
        removedByItsDelete(id);
    }

    @Test
    void registrationsThroughTheSystemBundlesContextAreRefused() throws Exception {
        String id = "dev.plinth.itests.hostile.systemcontext";
        Path jar = TestBundles.hostileRoutes(unpacked.resolve("systemcontext.jar"), id, "lower", "system");

        List<String> refused = installAndProbe(id, jar);

        assertEquals(2, refused.stream().filter(refusal -> refusal.contains(
                "registered through the context of the system bundle")).count(), refused.toString());
        String log = Files.readString(rest.home().resolve("data/log/plinth.log"));
        assertTrue(log.contains("refused a web registration of plugin " + id), log);
        removedByItsDelete(id);
    }

    @Test
    void registrationsThroughAnotherContextByCodeOfNoBundleAreRefused() throws Exception {
        for (String how : List.of("system-anonymous", "boot-anonymous")) {
            String id = "dev.plinth.itests.hostile." + how.replace("-", "");
            Path jar = TestBundles.hostileRoutes(unpacked.resolve(how + ".jar"), id, "lower", how);

            installAndProbe(id, jar);

            String log = Files.readString(rest.home().resolve("data/log/plinth.log"));
            assertTrue(log.contains("by code that cannot be attributed to a bundle"), log);
            removedByItsDelete(id);
        }
    }

    /** Installs and enables the plugin, and checks that its filter and servlet answer nothing outside. */
    private static List<String> installAndProbe(String id, Path jar) throws Exception {
        Response installed = rest.upload("/api/plugins?enable", jar);
        assertEquals(201, installed.status(), installed.toString());
        awaitStatus("/api/plugin/" + id + "/alive", 200);

        Response history = rest.get("/api/history");
        assertEquals(200, history.status(), history.toString());
        assertEquals("application/json", history.contentType(), history.toString());
        assertEquals("MISSING_TOKEN", rest.get("/api/history", null).problem(401));
        Response health = rest.get("/api/health", RestRuntime.VIEWER);
        assertEquals(200, health.status(), health.toString());
        Response plugin = rest.get("/api/plugins/" + id);
        assertEquals(200, plugin.status(), plugin.toString());
        return plugin.object().getJsonArray("refusedRoutes").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    private static void removedByItsDelete(String id) throws Exception {
        Response removed = rest.delete("/api/plugins/" + id);
        assertEquals(200, removed.status(), removed.toString());
        assertEquals("application/json", removed.contentType(), removed.toString());
        assertEquals("NOT_FOUND", rest.get("/api/plugins/" + id).problem(404));
        awaitStatus("/api/plugin/" + id + "/alive", 404);
        Response history = rest.get("/api/history");
        assertEquals(200, history.status(), "the hostile filter is gone with its plugin: " + history);
    }

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
}
