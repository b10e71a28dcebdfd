package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;

class GraphOrderTest {

    /** t.user needs t.api through the library t.glue; t.other is wired to nothing. */
    private static final GraphOrder GRAPH = new GraphOrder(List.of(
            bundle("t.api", PluginKind.PLUGIN, List.of(), List.of("t.glue")),
            bundle("t.glue", PluginKind.LIBRARY, List.of("t.api"), List.of("t.user")),
            bundle("t.user", PluginKind.PLUGIN, List.of("t.glue"), List.of()),
            bundle("t.other", PluginKind.PLUGIN, List.of(), List.of())));

    @Test
    void dependentsComeFirstAlsoThroughALibrary() {
        assertEquals(List.of("t.user", "t.api"), GRAPH.dependentsFirst(List.of("t.api", "t.user")));
    }

    @Test
    void providersComeFirstAlsoThroughALibrary() {
        assertEquals(List.of("t.api", "t.user"), GRAPH.providersFirst(List.of("t.user", "t.api")));
    }

    @Test
    void unrelatedAndUnknownIdsKeepTheirOrder() {
        assertEquals(List.of("t.other", "t.new", "t.user", "t.api"),
                GRAPH.dependentsFirst(List.of("t.other", "t.new", "t.api", "t.user")));
        assertEquals(List.of("t.new", "t.other"), GRAPH.providersFirst(List.of("t.new", "t.other")));
    }

    private static PluginInfo bundle(String id, PluginKind kind, List<String> requires, List<String> requiredBy) {
        return new PluginInfo(id, "1.0.0", id, "", "", "", "", kind, PluginState.ENABLED, 1, requires, requiredBy,
                null, null, null, null, null);
    }
}
