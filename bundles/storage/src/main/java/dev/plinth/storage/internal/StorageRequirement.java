package dev.plinth.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.osgi.framework.Bundle;

import dev.plinth.api.storage.PluginStorage;

/**
 * Whether a bundle asks for storage: its {@code Require-Capability} names the extender {@code plinth.storage}
 * ({@code @RequireStorage}), or one of its Declarative Services components references a {@code javax.sql.DataSource}
 * with the target {@link PluginStorage#DATA_SOURCE}.
 */
final class StorageRequirement {

    /** How much of one component description is read; a larger one is read that far. */
    static final int MAX_DESCRIPTION_BYTES = 1 << 20;

    private static final Pattern REFERENCE = Pattern.compile("<(?:[\\w.-]+:)?reference\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w.-]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");

    private StorageRequirement() {
    }

    static boolean asks(Bundle bundle) {
        Dictionary<String, String> headers = bundle.getHeaders("");
        return asks(headers.get("Require-Capability"))
                || referencesPluginDataSource(headers.get("Service-Component"), path -> entries(bundle, path));
    }

    /** Reads the header's text: an {@code osgi.extender} requirement whose filter names the extender. */
    static boolean asks(String requireCapability) {
        if (requireCapability == null) {
            return false;
        }
        String text = requireCapability.replace(" ", "");
        return text.contains("osgi.extender") && text.contains("osgi.extender=" + PluginStorage.EXTENDER + ")");
    }

    /**
     * Whether a component description that {@code serviceComponent} (the header's value) names references the plugins'
     * DataSource.
     *
     * @param descriptions the content of the descriptions a path of the header names (it may end in a {@code *}
     *     pattern), each read up to {@link #MAX_DESCRIPTION_BYTES}
     */
    static boolean referencesPluginDataSource(String serviceComponent, Function<String, List<String>> descriptions) {
        if (serviceComponent == null || serviceComponent.isBlank()) {
            return false;
        }
        for (String path : serviceComponent.split(",")) {
            for (String description : descriptions.apply(path.strip())) {
                if (referencesPluginDataSource(description)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether one component description has a reference to the plugins' DataSource. */
    static boolean referencesPluginDataSource(String description) {
        Matcher reference = REFERENCE.matcher(description);
        while (reference.find()) {
            String type = null;
            String target = null;
            Matcher attribute = ATTRIBUTE.matcher(reference.group(1));
            while (attribute.find()) {
                String value = attribute.group(2) != null ? attribute.group(2) : attribute.group(3);
                if (attribute.group(1).equals("interface")) {
                    type = value;
                } else if (attribute.group(1).equals("target")) {
                    target = value;
                }
            }
            if ("javax.sql.DataSource".equals(type) && target != null
                    && target.replaceAll("\\s", "").equals(PluginStorage.DATA_SOURCE)) {
                return true;
            }
        }
        return false;
    }

    /** Reads a description at most {@link #MAX_DESCRIPTION_BYTES} long, as text. */
    static String read(InputStream in) throws IOException {
        return new String(in.readNBytes(MAX_DESCRIPTION_BYTES), StandardCharsets.UTF_8);
    }

    private static List<String> entries(Bundle bundle, String path) {
        List<String> descriptions = new ArrayList<>();
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        List<URL> urls;
        if (name.contains("*")) {
            Enumeration<URL> found = bundle.findEntries(slash < 0 ? "/" : path.substring(0, slash), name, false);
            urls = found == null ? List.of() : Collections.list(found);
        } else {
            URL entry = bundle.getEntry(path);
            urls = entry == null ? List.of() : List.of(entry);
        }
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                descriptions.add(read(in));
            } catch (IOException e) {
                // an unreadable description asks for nothing
            }
        }
        return descriptions;
    }
}
