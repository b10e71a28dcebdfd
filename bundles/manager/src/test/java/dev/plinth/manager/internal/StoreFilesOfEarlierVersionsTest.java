package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;

/**
 * The store's files exactly as the versions before Jackson wrote them (JSON-P, Parsson's layout) are read as
 * they were, and the files written now keep their property names and layout.
 */
class StoreFilesOfEarlierVersionsTest {

    private static final String STATE = """
            {
                "format": 1,
                "sequence": 17,
                "plugins": [
                    {
                        "id": "org.example.app",
                        "version": "2.0.0",
                        "sha256": "aaaa",
                        "kind": "plugin",
                        "enabled": true,
                        "installedAt": "2024-05-06T07:08:09.123456789Z",
                        "source": "file:/plugins/app-2.0.0.jar",
                        "lastError": "it failed: \\"badly\\"\\nsecond line",
                        "previousVersion": "1.0.0",
                        "previousSha256": "bbbb",
                        "previousSource": "file:/plugins/app-1.0.0.jar"
                    },
                    {
                        "id": "org.example.lib",
                        "version": "1.5.0",
                        "sha256": "cccc",
                        "kind": "library",
                        "enabled": false,
                        "installedAt": "2024-01-01T00:00:00Z"
                    }
                ]
            }
            """;

    private static final String INTENT = """
            {
                "sequence": 42,
                "verb": "UPGRADE",
                "target": "org.example.app",
                "origin": "shell:admin",
                "started": "2024-05-06T07:08:09Z",
                "touched": [
                    "org.example.app",
                    "org.example.lib"
                ]
            }
            """;

    private static final String HISTORY_LINE = "{\"sequence\":9,\"time\":\"2024-05-06T07:08:09.500Z\","
            + "\"verb\":\"INSTALL\",\"target\":\"org.example.app\",\"outcome\":\"ROLLED_BACK\",\"origin\":\"api\","
            + "\"to\":\"1.0.0\",\"message\":\"could not resolve:\\nline two\"}";

    private final StoreCodec codec = new StoreCodec();

    @Test
    void readsAStateFileOfAnEarlierVersion() {
        StoreState state = codec.readState(STATE);

        assertEquals(17, state.sequence());
        assertEquals(new StoredPlugin("org.example.app", "2.0.0", "aaaa", "file:/plugins/app-2.0.0.jar",
                PluginKind.PLUGIN, true, "it failed: \"badly\"\nsecond line", "1.0.0", "bbbb",
                Instant.parse("2024-05-06T07:08:09.123456789Z"), "file:/plugins/app-1.0.0.jar"),
                state.get("org.example.app").orElseThrow());
        assertEquals(new StoredPlugin("org.example.lib", "1.5.0", "cccc", null, PluginKind.LIBRARY, false, null,
                null, null, Instant.parse("2024-01-01T00:00:00Z")), state.get("org.example.lib").orElseThrow());
    }

    @Test
    void writesTheStateFileInTheSameLayout() {
        assertEquals(STATE, codec.write(codec.readState(STATE)));
    }

    @Test
    void readsAndWritesAnIntentOfAnEarlierVersion() {
        Intent intent = codec.readIntent(INTENT);

        assertEquals(new Intent(42, Verb.UPGRADE, "org.example.app", "shell:admin",
                Instant.parse("2024-05-06T07:08:09Z"), List.of("org.example.app", "org.example.lib")), intent);
        assertEquals(INTENT, codec.write(intent));
    }

    @Test
    void readsAndWritesAHistoryLineOfAnEarlierVersion() {
        Operation operation = codec.readLine(HISTORY_LINE);

        assertEquals(new Operation(9, Instant.parse("2024-05-06T07:08:09.5Z"), Verb.INSTALL, "org.example.app",
                null, "1.0.0", Operation.Outcome.ROLLED_BACK, "could not resolve:\nline two", "api"), operation);
        assertNull(operation.fromVersion());
        assertEquals(HISTORY_LINE, codec.line(operation));
    }
}
