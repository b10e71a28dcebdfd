package dev.plinth.shell.internal;

import static dev.plinth.shell.internal.Fixtures.greeter;
import static dev.plinth.shell.internal.Fixtures.plugin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginDetails;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

class PluginJsonTest {

    private final JsonProvider provider = new JsonProviderImpl();
    private final PluginJson json = new PluginJson();

    private JsonObject written(PluginInfo plugin) {
        return parseArray(json.plugins(List.of(plugin))).getJsonObject(0);
    }

    private JsonArray parseArray(String text) {
        return provider.createReader(new StringReader(text)).readArray();
    }

    @Test
    void everyFieldOfAPluginIsWritten() {
        JsonArray array = parseArray(json.plugins(List.of(greeter())));
        assertEquals(1, array.size());
        JsonObject plugin = array.getJsonObject(0);
        assertEquals("greeter-en", plugin.getString("id"));
        assertEquals("1.2.0", plugin.getString("version"));
        assertEquals("English Greeter", plugin.getString("name"));
        assertEquals("Says hello", plugin.getString("description"));
        assertEquals("Plinth", plugin.getString("vendor"));
        assertEquals("Apache-2.0", plugin.getString("license"));
        assertEquals("https://plinth.dev", plugin.getString("docUrl"));
        assertEquals("plugin", plugin.getString("kind"));
        assertEquals("enabled", plugin.getString("state"));
        assertEquals(42, plugin.getJsonNumber("bundleId").longValue());
        assertEquals(List.of("greeting"), plugin.getJsonArray("requires").getValuesAs(
                (JsonValue value) -> ((jakarta.json.JsonString) value).getString()));
        assertTrue(plugin.getJsonArray("requiredBy").isEmpty());
        assertEquals(JsonValue.NULL, plugin.get("lastError"));
        assertEquals("1.1.0", plugin.getString("previousVersion"));
        assertEquals("ab12", plugin.getString("sha256"));
        assertEquals("file:/tmp/greeter-en-1.2.0.jar", plugin.getString("source"));
        assertEquals("2026-11-23T10:54:03.250Z", plugin.getString("installedAt"));
        assertTrue(plugin.isNull("installedBy"));
        assertTrue(plugin.isNull("fragmentHost"));
        assertEquals(19, plugin.size());
    }

    @Test
    void aFragmentNamesItsHost() {
        JsonObject plugin = written(Fixtures.fragment("org.example.extras", "org.example.host"));
        assertEquals("org.example.host", plugin.getString("fragmentHost"));
        assertEquals("enabled", plugin.getString("state"));
    }

    @Test
    void anUnmanagedBundleSaysWhichBundleInstalledIt() {
        JsonObject plugin = written(Fixtures.installedBy("org.example.payload", "com.example.dropper"));
        assertEquals("unmanaged", plugin.getString("kind"));
        assertEquals("com.example.dropper", plugin.getString("installedBy"));
    }

    @Test
    void absentValuesAreNull() {
        JsonObject plugin = written(plugin("org.apache.felix.scr", "2.2.14", PluginKind.SYSTEM,
                PluginState.ENABLED, "SCR"));
        assertEquals("system", plugin.getString("kind"));
        assertTrue(plugin.isNull("sha256"));
        assertTrue(plugin.isNull("source"));
        assertTrue(plugin.isNull("installedAt"));
        assertTrue(plugin.isNull("previousVersion"));
    }

    @Test
    void anEmptyListIsAnEmptyArray() {
        assertEquals("[]", json.plugins(List.of()).replaceAll("\\s", ""));
    }

    @Test
    void detailsAddWiringAndComponents() {
        String text = json.details(new PluginDetails(greeter(), true,
                List.of(new PluginDetails.Wire("osgi.wiring.package", "dev.plinth.greeting 1.0.0", "greeting",
                        "1.0.0")),
                List.of(new PluginDetails.Component("dev.plinth.greeter.Loud", "unsatisfied reference", null,
                        List.of(new PluginDetails.UnsatisfiedReference("volume", "dev.plinth.Volume", null))))));
        JsonObject details = provider.createReader(new StringReader(text)).readObject();
        assertEquals("greeter-en", details.getString("id"));
        assertTrue(details.getBoolean("wired"));
        JsonObject wire = details.getJsonArray("wiring").getJsonObject(0);
        assertEquals("greeting", wire.getString("provider"));
        assertEquals("dev.plinth.greeting 1.0.0", wire.getString("name"));
        JsonObject component = details.getJsonArray("components").getJsonObject(0);
        assertEquals("unsatisfied reference", component.getString("state"));
        assertTrue(component.isNull("failure"));
        JsonObject missing = component.getJsonArray("unsatisfiedReferences").getJsonObject(0);
        assertEquals("dev.plinth.Volume", missing.getString("service"));
        assertTrue(missing.isNull("target"));
        assertEquals(0, details.getJsonArray("refusedRoutes").size());
    }

    @Test
    void detailsListTheRefusedWebRoutes() {
        String text = json.details(new PluginDetails(greeter(), false, List.of(), List.of())
                .withRefusedRoutes(List.of("Servlet 'a' (service 7): /api/plugins is outside")));
        JsonObject details = provider.createReader(new StringReader(text)).readObject();
        assertEquals("Servlet 'a' (service 7): /api/plugins is outside",
                details.getJsonArray("refusedRoutes").getString(0));
    }

    @Test
    void historyIsAnArrayOfOperationsWithTheirFields() {
        JsonArray array = parseArray(json.history(List.of(new dev.plinth.api.Operation(7,
                java.time.Instant.parse("2026-11-23T09:00:05Z"), dev.plinth.api.Verb.INSTALL, "greeter-en", null,
                "1.2.0", dev.plinth.api.Operation.Outcome.SUCCEEDED, "installed", "shell:ada"))));
        JsonObject operation = array.getJsonObject(0);
        assertEquals(7, operation.getJsonNumber("sequence").longValue());
        assertEquals("2026-11-23T09:00:05Z", operation.getString("time"));
        assertEquals("install", operation.getString("verb"));
        assertTrue(operation.isNull("fromVersion"));
        assertEquals("succeeded", operation.getString("outcome"));
        assertEquals("shell:ada", operation.getString("origin"));
        assertEquals("shell", operation.getString("channel"));
        assertEquals("ada", operation.getString("by"));
    }

    @Test
    void anEventIsOneLineOfJson() {
        String line = json.event(new PluginEvent("disable", "greeter-en", "1.2.0", null, "installed",
                List.of("greeter-en"), true, null, null, "rest"));
        assertEquals(-1, line.indexOf('\n'));
        JsonObject event = provider.createReader(new StringReader(line)).readObject();
        assertEquals("disable", event.getString("verb"));
        assertEquals("installed", event.getString("state"));
        assertTrue(event.getBoolean("succeeded"));
        assertTrue(event.isNull("code"));
    }
}
