package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;

class RenderedListTest {

    private final RenderedList list = new RenderedList(new Json());

    private static PluginInfo plugin(String id, PluginState state) {
        return new PluginInfo(id, "1.0.0", id, "", "", "", "", PluginKind.PLUGIN, state, 7, List.of(), List.of(),
                null, null, "00ff", "file:/deploy/" + id + ".jar", Instant.EPOCH);
    }

    @Test
    void theSamePluginsAreServedFromTheDocumentRenderedBefore() throws IOException {
        List<PluginInfo> plugins = List.of(plugin("a", PluginState.ENABLED), plugin("b", PluginState.INSTALLED));

        byte[] first = list.render(plugins, id -> List.of()).json();
        byte[] second = list.render(List.copyOf(plugins), id -> List.of()).json();

        assertSame(first, second);
        String text = new String(first, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("[{\"id\":\"a\""), text);
        assertTrue(text.contains("\"state\":\"installed\""), text);
    }

    @Test
    void aNewSnapshotOfAPluginIsRenderedAgain() throws IOException {
        byte[] first = list.render(List.of(plugin("a", PluginState.ENABLED)), id -> List.of()).json();

        byte[] second = list.render(List.of(plugin("a", PluginState.INSTALLED)), id -> List.of()).json();

        assertNotSame(first, second);
        assertTrue(new String(second, StandardCharsets.UTF_8).contains("\"state\":\"installed\""));
    }

    @Test
    void aNewlyRefusedRouteIsRenderedAgain() throws IOException {
        List<PluginInfo> plugins = List.of(plugin("a", PluginState.ENABLED));
        byte[] first = list.render(plugins, id -> List.of()).json();

        byte[] second = list.render(plugins, Map.of("a", List.of("/api/plugins: a core path"))::get).json();

        assertNotSame(first, second);
        assertTrue(new String(second, StandardCharsets.UTF_8).contains("/api/plugins: a core path"));
    }

    @Test
    void aPluginIsListedMisconfiguredAndRenderedAgainWhenThatChanges() throws IOException {
        List<PluginInfo> plugins = List.of(plugin("a", PluginState.ENABLED), plugin("b", PluginState.ENABLED));
        byte[] first = list.render(plugins, id -> List.of(), java.util.Set.of()).json();
        assertTrue(new String(first, StandardCharsets.UTF_8).contains("\"misconfigured\":false"));

        byte[] second = list.render(plugins, id -> List.of(), java.util.Set.of("b", "not-listed")).json();

        assertNotSame(first, second);
        String text = new String(second, StandardCharsets.UTF_8);
        assertTrue(text.matches("\\[\\{\"id\":\"a\".*\"misconfigured\":false\\},\\{\"id\":\"b\".*\"misconfigured\":true\\}\\]"),
                text);
        assertSame(second, list.render(plugins, id -> List.of(), java.util.Set.of("b")).json(),
                "the same misconfigured plugins: the same document");
    }

    @Test
    void theGzipEncodingHoldsTheSameDocument() throws IOException {
        RenderedList.Rendered rendered = list.render(List.of(plugin("a", PluginState.ENABLED)), id -> List.of());

        byte[] gzip = rendered.gzip();

        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(
                new java.io.ByteArrayInputStream(gzip))) {
            assertArrayEquals(rendered.json(), in.readAllBytes());
        }
        assertSame(gzip, rendered.gzip(), "encoded once");
    }

    @Test
    void gzipIsSentOnlyToClientsThatAcceptIt() {
        assertTrue(Responses.acceptsGzip("gzip, deflate, br"));
        assertTrue(Responses.acceptsGzip("br;q=1.0, GZIP;q=0.5"));
        assertFalse(Responses.acceptsGzip(null));
        assertFalse(Responses.acceptsGzip("deflate"));
        assertFalse(Responses.acceptsGzip("gzip;q=0"));
    }
}
