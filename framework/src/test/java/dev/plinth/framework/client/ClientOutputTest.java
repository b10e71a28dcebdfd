package dev.plinth.framework.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClientOutputTest {

    @Test
    void pluginsAreATable() {
        Object plugins = JsonText.parse("[{\"id\":\"dev.plinth.sample.hello\",\"version\":\"1.0.0\",\"state\":"
                + "\"enabled\",\"kind\":\"plugin\",\"name\":\"Plinth Sample: Hello\"},{\"id\":\"b\",\"version\":"
                + "\"2.0.0\",\"state\":\"installed\",\"kind\":\"plugin\",\"name\":\"B\"}]");

        assertEquals(String.join("\n",
                "ID                       VERSION  STATE      KIND    NAME",
                "dev.plinth.sample.hello  1.0.0    enabled    plugin  Plinth Sample: Hello",
                "b                        2.0.0    installed  plugin  B"), ClientOutput.plugins(list(plugins)));
        assertEquals("No plugins installed.", ClientOutput.plugins(List.of()));
    }

    @Test
    void anOutcomeIsThePlanDoneOrSimulated() {
        String plan = "{\"plan\":{\"verb\":\"install\",\"target\":\"g\",\"simulated\":%s,\"steps\":["
                + "{\"action\":\"add-library\",\"id\":\"l\",\"version\":\"1.0.0\",\"reason\":\"needed by g\"},"
                + "{\"action\":\"install\",\"id\":\"g\",\"version\":\"1.0.0\",\"reason\":\"\"}],\"refresh\":[]},"
                + "\"plugin\":null}";

        assertEquals(String.join("\n",
                "Install g: done.",
                "  1. add-library l 1.0.0  needed by g",
                "  2. install     g 1.0.0",
                "Refresh: none"), ClientOutput.outcome((Map<?, ?>) JsonText.parse(String.format(plan, "false"))));
        assertEquals("Plan for install g (simulated, nothing changed):",
                ClientOutput.outcome((Map<?, ?>) JsonText.parse(String.format(plan, "true"))).lines().findFirst()
                        .orElseThrow());
        assertEquals("Nothing to do for g.", ClientOutput.outcome((Map<?, ?>) JsonText.parse(
                "{\"plan\":{\"verb\":\"enable\",\"target\":\"g\",\"simulated\":false,\"steps\":[],\"refresh\":[]}}")));
    }

    @Test
    void historyIsATable() {
        Object operations = JsonText.parse("[{\"sequence\":3,\"time\":\"2026-11-29T19:24:29.092267182Z\","
                + "\"verb\":\"remove\",\"target\":\"a\",\"fromVersion\":\"1.0.0\",\"toVersion\":null,"
                + "\"outcome\":\"succeeded\",\"message\":\"removed\",\"origin\":\"rest\"}]");

        assertEquals(String.join("\n",
                "#  TIME                 VERB    PLUGIN  FROM   TO  OUTCOME    ORIGIN  MESSAGE",
                "3  2026-11-29T19:24:29  remove  a       1.0.0  -   succeeded  rest    removed"),
                ClientOutput.history(list(operations)));
    }

    @Test
    void anEventIsOneLine() {
        assertEquals("enable a 1.0.0: done, enabled [rest]", ClientOutput.event((Map<?, ?>) JsonText.parse(
                "{\"verb\":\"enable\",\"id\":\"a\",\"version\":\"1.0.0\",\"state\":\"enabled\",\"succeeded\":true,"
                        + "\"origin\":\"rest\"}")));
        assertEquals("remove b: failed (PROTECTED) b is a system bundle [shell]", ClientOutput.event(
                (Map<?, ?>) JsonText.parse("{\"verb\":\"remove\",\"id\":\"b\",\"version\":null,\"succeeded\":false,"
                        + "\"code\":\"PROTECTED\",\"message\":\"b is a system bundle\",\"origin\":\"shell\"}")));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
