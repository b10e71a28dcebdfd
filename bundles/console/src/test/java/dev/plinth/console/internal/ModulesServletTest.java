package dev.plinth.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.plinth.common.json.JsonDocuments;

class ModulesServletTest {

    private final EnabledPlugins plugins = new EnabledPlugins();
    private TrustedPlugins trusted = TrustedPlugins.of(new String[0]);
    private final ModulesServlet servlet = new ModulesServlet(() -> {
        var consoles = plugins.all();
        return ModuleList.of(consoles, plugins.problems(),
                trusted.among(consoles.stream().map(PluginConsole::id).toList()));
    });

    private Exchange get(String access) throws Exception {
        Exchange exchange = new Exchange("GET", null);
        if (access != null) {
            exchange.attribute(ModulesServlet.ACCESS, access);
        }
        return exchange.run(servlet);
    }

    @Test
    void theListNamesEverySlotOfEnabledPluginsSortedWithItsUrls() throws Exception {
        plugins.started(new FakeBundle("org.example.zeta").header("Plinth-Console", "settings;entry=console/s.mjs")
                .entry("console/s.mjs", "export {}").header("Bundle-Name", "Zeta").bundle());
        plugins.started(new FakeBundle("dev.plinth.sample.pages").header("Bundle-Name", "Sample pages").bundle());
        plugins.started(new FakeBundle("org.example.broken").header("Plinth-Console", "page").bundle());
        String hash = plugins.get("dev.plinth.sample.pages").hash();

        Exchange answer = get("VIEWER");
        assertEquals(200, answer.status);
        assertEquals("application/json", answer.header("Content-Type"));
        assertEquals("no-store", answer.header("Cache-Control"));
        JsonNode list = JsonDocuments.mapper().readTree(answer.body());
        assertEquals("1.0.0", list.get("sdk").asText());
        assertEquals(3, list.get("modules").size());
        assertEquals(JsonDocuments.mapper().readTree("{\"plugin\":\"dev.plinth.sample.pages\",\"name\":\"Sample pages\","
                + "\"version\":\"1.0.0\",\"revision\":\"1.0.0/" + hash + "\",\"slot\":\"page\",\"title\":\"Greetings\","
                + "\"tier\":\"sandboxed\",\"entry\":\"/console/plugins/dev.plinth.sample.pages/1.0.0/" + hash
                + "/page.js\",\"frame\":\"/console/frames/dev.plinth.sample.pages/1.0.0/" + hash + "/page.html\","
                + "\"routes\":\"/api/plugin/dev.plinth.sample.pages/\"}"), list.get("modules").get(0));
        assertEquals("panel", list.get("modules").get(1).get("slot").asText());
        assertEquals("Sample pages", list.get("modules").get(1).get("title").asText(), "the default title is the name");
        assertEquals("org.example.zeta", list.get("modules").get(2).get("plugin").asText());
        assertEquals("settings", list.get("modules").get(2).get("slot").asText());
        assertEquals(1, list.get("problems").size());
        assertEquals("org.example.broken", list.get("problems").get(0).get("plugin").asText());
        assertTrue(list.get("problems").get(0).get("message").asText().contains("entry is missing"));
    }

    @Test
    void trustedPluginsAreTheTrustedTierFromTheNextList() throws Exception {
        plugins.started(new FakeBundle("dev.plinth.sample.pages").bundle());
        assertEquals("sandboxed", JsonDocuments.mapper().readTree(get("ADMIN").body()).get("modules").get(0)
                .get("tier").asText());
        trusted = TrustedPlugins.of(new String[] {" dev.plinth.sample.pages ", "not installed", "org.example.gone"});
        JsonNode list = JsonDocuments.mapper().readTree(get("ADMIN").body());
        assertEquals("trusted", list.get("modules").get(0).get("tier").asText());
        assertEquals("trusted", list.get("modules").get(1).get("tier").asText());
    }

    @Test
    void aRequestTheTokenCheckDidNotLetThroughIsRefused() throws Exception {
        plugins.started(new FakeBundle("dev.plinth.sample.pages").bundle());
        for (String access : new String[] {null, "MISSING", "WRONG", "PUBLIC"}) {
            Exchange answer = get(access);
            assertEquals(503, answer.status, access);
            assertTrue(answer.body().contains("\"code\":\"API_CLOSED\""), answer.body());
            assertTrue(!answer.body().contains("sample"), answer.body());
        }
    }

    @Test
    void onlyGetAndHeadAreTaken() throws Exception {
        Exchange answer = new Exchange("POST", null).attribute(ModulesServlet.ACCESS, "ADMIN").run(servlet);
        assertEquals(405, answer.status);
        assertEquals("GET, HEAD", answer.header("Allow"));
    }
}
