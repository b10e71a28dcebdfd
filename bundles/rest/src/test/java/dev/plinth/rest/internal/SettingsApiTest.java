package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;
import dev.plinth.common.json.JsonDocuments;

class SettingsApiTest {

    private final FakeSettings settings = new FakeSettings();
    private final SettingsApi api = new SettingsApi(() -> settings);

    private PluginSettingsView patch(String body) throws Exception {
        return api.answer("PATCH", "demo", Query.parse(null), () -> body, "rest:admin");
    }

    private ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> patch(body));
    }

    @Test
    void getAnswersTheSettingsWithSourcesAsLabelsAndNoSecretValueEvenIfTheServiceGaveIt() throws Exception {
        PluginSettingsView view = api.answer("GET", "demo", Query.parse(null), () -> {
            throw new AssertionError("a GET reads no body");
        }, "rest:admin");
        String json = JsonDocuments.compact(view);
        assertEquals("{\"plugin\":\"demo\",\"status\":\"ok\",\"problems\":[],\"configurations\":[{\"pid\":\"demo.Greeter\","
                + "\"factoryPid\":null,\"name\":\"Greeter\",\"description\":null,\"file\":null,\"settings\":[{\"key\":"
                + "\"password\",\"name\":\"Password\",\"description\":null,\"type\":\"password\",\"multiple\":false,"
                + "\"required\":false,\"secret\":true,\"defaults\":[],\"value\":[],\"set\":true,\"source\":"
                + "\"operator\",\"options\":[]}]}]}", json);
        assertEquals(List.of("settings demo"), settings.calls);
        String changed = JsonDocuments.compact(patch("{\"set\": {\"password\": \"hunter2\"}}"));
        assertTrue(!changed.contains("hunter2") && !changed.contains("default-secret"), changed);
        assertEquals(400, assertThrows(ApiException.class, () -> api.answer("GET", "demo", Query.parse("x=1"),
                () -> "", "rest:admin")).problem().status());
    }

    @Test
    void patchSetsTextsNumbersBooleansAndArraysOfOnePid() throws Exception {
        patch("{\"pid\": \"demo.Greeter\", \"set\": {\"greeting\": \"Hi\", \"retries\": 3, \"loud\": true, "
                + "\"tags\": [\"a\", \"b\"], \"url\": \"$[env:URL]\"}}");
        assertEquals("demo.Greeter", settings.pid);
        assertEquals(Map.of("greeting", List.of("Hi"), "retries", List.of("3"), "loud", List.of("true"), "tags",
                List.of("a", "b"), "url", List.of("$[env:URL]")), settings.values);
        assertEquals("rest:admin", settings.origin);
        patch("{\"set\": {\"greeting\": \"Hi\"}}");
        assertEquals(null, settings.pid);
    }

    @Test
    void patchUnsetsKeysOrEveryKeyOfAPid() throws Exception {
        patch("{\"pid\": \"demo.Endpoint~eu\", \"unset\": [\"url\", \"port\"]}");
        assertEquals("demo.Endpoint~eu", settings.pid);
        assertEquals(Set.of("url", "port"), settings.keys);
        patch("{\"pid\": \"demo.Endpoint~eu\", \"unset\": []}");
        assertEquals(Set.of(), settings.keys);
        assertEquals(List.of("unset demo", "unset demo"), settings.calls);
    }

    @Test
    void aMalformedBodyIsRefusedSayingWhatIsWrongAndNothingIsAsked() {
        assertEquals("the body must have either set (an object of values by key) or unset (an array of keys), not "
                + "both", refused("{\"set\": {\"a\": \"b\"}, \"unset\": [\"c\"]}").getMessage());
        assertEquals("the body must have either set (an object of values by key) or unset (an array of keys), not "
                + "neither", refused("{\"pid\": \"x\"}").getMessage());
        assertEquals("the value of password must be a text, a number, a boolean or an array of them (to remove a "
                + "value, use unset)", refused("{\"set\": {\"password\": null}}").getMessage());
        assertEquals("the value of a must be a text, a number, a boolean or an array of them",
                refused("{\"set\": {\"a\": {\"b\": 1}}}").getMessage());
        assertEquals("unknown field unsets in the body; it takes pid, set and unset",
                refused("{\"unsets\": [\"a\"]}").getMessage());
        assertEquals("set must be an object of at least one key with its value: a text, or an array of texts for "
                + "several values", refused("{\"set\": {}}").getMessage());
        assertEquals("unset must be an array of keys ([] for every key of the PID)",
                refused("{\"unset\": \"a\"}").getMessage());
        assertEquals("pid must be a PID (text), or left out for the plugin's single configuration",
                refused("{\"pid\": 1, \"unset\": []}").getMessage());
        assertEquals("the body must be a JSON object with pid, and set or unset", refused("[]").getMessage());
        assertEquals("the body is not JSON (a field is given twice) at line 1, column 23",
                refused("{\"set\": {\"a\": \"1\", \"a\": \"2\"}}").getMessage());
        assertTrue(refused("{\"unset\": []} {}").getMessage().startsWith("the body is not JSON"));
        assertTrue(refused("").getMessage().startsWith("the body"));
        for (String body : List.of("{", "{\"set\": {\"secret\": \"hunter2\"}")) {
            ApiException failure = refused(body);
            assertEquals(400, failure.problem().status());
            assertTrue(!failure.getMessage().contains("hunter2"), failure.getMessage());
        }
        assertEquals(List.of(), settings.calls);
    }

    @Test
    void otherMethodsAreNotAllowedAndNamedInAllow() {
        ApiException failure = assertThrows(ApiException.class, () -> api.answer("POST", "demo", Query.parse(null),
                () -> "{}", "rest:admin"));
        assertEquals(405, failure.problem().status());
        assertEquals("GET, HEAD, PATCH", failure.allow());
    }

    @Test
    void withoutTheSettingsBundleTheAnswerIs503() {
        SettingsApi none = new SettingsApi(() -> null);
        ApiException failure = assertThrows(ApiException.class, () -> none.answer("GET", "demo", Query.parse(null),
                () -> "", "rest:admin"));
        assertEquals(503, failure.problem().status());
        assertEquals("SETTINGS_UNAVAILABLE", failure.problem().code());
        assertEquals("settings are not available (the bundle dev.plinth.settings is not running)",
                failure.getMessage());
    }

    @Test
    void theServicesRefusalsPassThrough() {
        PluginException locked = new PluginException(Code.SETTINGS_LOCKED, "retries is set in etc/demo.Greeter.cfg");
        settings.refusal = locked;
        assertSame(locked, assertThrows(PluginException.class, () -> patch("{\"set\": {\"retries\": 2}}")));
        assertEquals(409, Problem.of(locked).status());
    }

    /** Records what it is asked; answers one configuration with a secret, whose values it wrongly gives. */
    static final class FakeSettings implements PluginSettings {

        final List<String> calls = new ArrayList<>();
        String pid;
        Map<String, List<String>> values;
        Set<String> keys;
        String origin;
        PluginException refusal;

        private PluginSettingsView view(String call, String pluginId) throws PluginException {
            calls.add(call + " " + pluginId);
            if (refusal != null) {
                throw refusal;
            }
            return new PluginSettingsView(pluginId, PluginSettingsView.Status.OK, List.of(), List.of(
                    new ConfigurationSettings("demo.Greeter", null, "Greeter", null, null, List.of(new Setting(
                            "password", "Password", null, "password", false, false, true, List.of("default-secret"),
                            List.of("hunter2"), true, Setting.Source.OPERATOR, List.of())))));
        }

        @Override
        public PluginSettingsView settings(String pluginId) throws PluginException {
            return view("settings", pluginId);
        }

        @Override
        public PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values, String origin)
                throws PluginException {
            this.pid = pid;
            this.values = values;
            this.origin = origin;
            return view("set", pluginId);
        }

        @Override
        public PluginSettingsView unset(String pluginId, String pid, Set<String> keys, String origin)
                throws PluginException {
            this.pid = pid;
            this.keys = keys;
            this.origin = origin;
            return view("unset", pluginId);
        }

        @Override
        public int rotateKey() {
            return 0;
        }

        @Override
        public Map<String, List<String>> problems() {
            return Map.of();
        }

        @Override
        public java.util.Optional<String> secretKeyProblem() {
            return java.util.Optional.empty();
        }
    }
}
