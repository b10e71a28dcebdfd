package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;

class StoreCodecTest {

    private final StoreCodec codec = new StoreCodec();

    static StoredPlugin full() {
        return new StoredPlugin("org.example.app", "2.0.0", "a".repeat(64), "file:/plugins/app-2.0.0.jar",
                PluginKind.PLUGIN, true, "it failed: \"badly\"\nsecond line", "1.0.0", "b".repeat(64),
                Instant.parse("2024-05-06T07:08:09.123456789Z"));
    }

    static StoredPlugin bare() {
        return new StoredPlugin("org.example.lib", "1.5.0", "c".repeat(64), null, PluginKind.LIBRARY, false, null,
                null, null, Instant.parse("2024-01-01T00:00:00Z"));
    }

    @Test
    void stateRoundTrip() {
        StoreState state = new StoreState(17, Map.of(full().id(), full(), bare().id(), bare()));

        String text = codec.write(state);
        StoreState read = codec.readState(text);

        assertEquals(state, read);
        assertEquals(17, read.sequence());
        assertEquals(full(), read.get("org.example.app").orElseThrow());
        assertEquals(bare(), read.get("org.example.lib").orElseThrow());
        assertTrue(text.endsWith("}\n"), text);
    }

    @Test
    void thePreviousVersionsSourceRoundTripsAndAStoreWrittenWithoutItReadsAsUnknown() {
        StoredPlugin upgraded = full().replacedBy(new Archive(null, "e".repeat(64), "org.example.app",
                org.osgi.framework.Version.parseVersion("3.0.0"), new java.util.jar.Attributes(),
                "file:/plugins/app-3.0.0.jar", false), Instant.parse("2024-06-01T00:00:00Z"));

        StoredPlugin read = codec.readState(codec.write(new StoreState(2, Map.of(upgraded.id(), upgraded))))
                .get(upgraded.id()).orElseThrow();

        assertEquals("file:/plugins/app-2.0.0.jar", read.previousSource());
        assertEquals(upgraded, read);
        assertNull(codec.readState(codec.write(new StoreState(1, Map.of(full().id(), full())))).get(full().id())
                .orElseThrow().previousSource());
    }

    @Test
    void absentOptionalFieldsAreLeftOutAndExplicitNullsReadAsNull() {
        String text = codec.write(new StoreState(1, Map.of(bare().id(), bare())));

        assertFalse(text.contains("lastError"), text);
        assertFalse(text.contains("previousSha256"), text);
        assertFalse(text.contains("null"), text);

        StoreState read = codec.readState("{\"format\":1,\"sequence\":3,\"plugins\":[{\"id\":\"x\",\"version\":\"1.0.0\","
                + "\"sha256\":\"d\",\"kind\":\"plugin\",\"enabled\":true,\"installedAt\":\"2024-01-01T00:00:00Z\","
                + "\"source\":null,\"lastError\":null}]}");
        assertNull(read.get("x").orElseThrow().source());
        assertNull(read.get("x").orElseThrow().lastError());
        assertEquals(PluginKind.PLUGIN, read.get("x").orElseThrow().kind());
    }

    @Test
    void aStateIsWrittenAsWholeWhateverTheRecordsKeptFromTheLastOne() {
        StoreState first = new StoreState(1, Map.of(full().id(), full(), bare().id(), bare()));
        StoreState disabled = first.with(full().withEnabled(false)).next();
        StoreState failed = disabled.with(bare().withLastError("it failed: \u0001 \u00e9 \u2028")).next();
        StoreState without = failed.without(full().id()).next();

        for (StoreState state : List.of(first, disabled, failed, without, StoreState.EMPTY, first, first)) {
            assertEquals(StoreCodec.whole(state), codec.write(state));
            assertEquals(state, codec.readState(codec.write(state)));
        }
    }

    @Test
    void emptyStateRoundTrip() {
        assertEquals(StoreState.EMPTY, codec.readState(codec.write(StoreState.EMPTY)));
    }

    @Test
    void intentRoundTrip() {
        Intent intent = new Intent(42, Verb.UPGRADE, "org.example.app", "shell:admin",
                Instant.parse("2024-05-06T07:08:09Z"), List.of("org.example.app", "org.example.lib"));

        assertEquals(intent, codec.readIntent(codec.write(intent)));
    }

    @Test
    void historyLineIsOneLineAndRoundTrips() {
        Operation operation = new Operation(9, Instant.parse("2024-05-06T07:08:09.5Z"), Verb.INSTALL,
                "org.example.app", null, "1.0.0", Operation.Outcome.FAILED, "could not resolve:\nline two",
                "api");

        String line = codec.line(operation);

        assertFalse(line.contains("\n"), line);
        assertEquals(operation, codec.readLine(line));
    }

    @Test
    void truncatedTextIsRefused() {
        String text = codec.write(new StoreState(1, Map.of(full().id(), full())));

        assertThrows(RuntimeException.class, () -> codec.readState(text.substring(0, text.length() / 2)));
    }
}
