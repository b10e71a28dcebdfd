package dev.plinth.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import dev.plinth.api.PluginInfo;

/**
 * The JSON of a plugin list, rendered once and served again while nothing in it changed: the manager hands out
 * the same list of the same {@link PluginInfo} instances until its next snapshot, so the same instances (and the
 * same refused routes) mean the same document. Its gzip encoding is made once too, when first asked for.
 */
final class RenderedList {

    /** A rendered document: the JSON, and its gzip encoding once made. */
    static final class Rendered {

        private final List<PluginInfo> plugins;
        private final List<List<String>> refused;
        private final Set<String> misconfigured;
        private final byte[] json;
        private volatile byte[] gzip;

        private Rendered(List<PluginInfo> plugins, List<List<String>> refused, Set<String> misconfigured,
                byte[] json) {
            this.plugins = plugins;
            this.refused = refused;
            this.misconfigured = misconfigured;
            this.json = json;
        }

        byte[] json() {
            return json;
        }

        byte[] gzip() {
            byte[] encoded = gzip;
            if (encoded != null) {
                return encoded;
            }
            synchronized (this) {
                return encoded();
            }
        }

        private byte[] encoded() {
            byte[] encoded = gzip;
            if (encoded == null) {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 8 + 64);
                try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
                    {
                        def.setLevel(Deflater.BEST_COMPRESSION);
                    }
                }) {
                    out.write(json);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                encoded = bytes.toByteArray();
                gzip = encoded;
            }
            return encoded;
        }
    }

    private final Json json;
    private volatile Rendered last;

    RenderedList(Json json) {
        this.json = json;
    }

    /** The JSON array of {@code plugins}, each with its refused routes, none misconfigured. */
    Rendered render(List<PluginInfo> plugins, Function<String, List<String>> refusedRoutes) throws IOException {
        return render(plugins, refusedRoutes, Set.of());
    }

    /** The JSON array of {@code plugins}, each with its refused routes and whether it is one of {@code misconfigured}. */
    Rendered render(List<PluginInfo> plugins, Function<String, List<String>> refusedRoutes,
            Set<String> misconfigured) throws IOException {
        List<List<String>> refused = new ArrayList<>(plugins.size());
        Set<String> listed = new HashSet<>();
        for (PluginInfo plugin : plugins) {
            refused.add(refusedRoutes.apply(plugin.id()));
            if (misconfigured.contains(plugin.id())) {
                listed.add(plugin.id());
            }
        }
        Rendered cached = last;
        if (same(cached, plugins, refused, listed)) {
            return cached;
        }
        synchronized (this) {
            cached = last;
            return same(cached, plugins, refused, listed) ? cached : rendered(plugins, refused, listed);
        }
    }

    /** Renders the document anew: one request at a time, so that requests that come meanwhile get it too. */
    private Rendered rendered(List<PluginInfo> plugins, List<List<String>> refused, Set<String> listed)
            throws IOException {
        List<Json.ListedPluginDocument> array = new ArrayList<>(plugins.size());
        for (int i = 0; i < plugins.size(); i++) {
            PluginInfo plugin = plugins.get(i);
            array.add(json.listed(plugin, refused.get(i), listed.contains(plugin.id())));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        json.write(array, bytes);
        Rendered rendered = new Rendered(List.copyOf(plugins), refused, Set.copyOf(listed), bytes.toByteArray());
        last = rendered;
        return rendered;
    }

    private static boolean same(Rendered cached, List<PluginInfo> plugins, List<List<String>> refused,
            Set<String> listed) {
        return cached != null && sameInstances(cached.plugins, plugins) && cached.refused.equals(refused)
                && cached.misconfigured.equals(listed);
    }

    private static boolean sameInstances(List<PluginInfo> cached, List<PluginInfo> current) {
        if (cached == current) {
            return true;
        }
        if (cached.size() != current.size()) {
            return false;
        }
        for (int i = 0; i < cached.size(); i++) {
            if (cached.get(i) != current.get(i)) {
                return false;
            }
        }
        return true;
    }
}
