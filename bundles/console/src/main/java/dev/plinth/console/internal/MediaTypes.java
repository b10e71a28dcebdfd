package dev.plinth.console.internal;

import java.util.Locale;
import java.util.Map;

/**
 * The media type of a file by its extension: the console's own files, and the narrower set served from plugins'
 * {@code console/} folders (scripts, styles, data, images, fonts, text: never HTML). Files of other extensions are
 * not served.
 */
final class MediaTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json",
            "woff2", "font/woff2");

    private static final Map<String, String> OF_PLUGINS = Map.ofEntries(
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));

    private MediaTypes() {
    }

    /** The media type of a console file's name, or {@code null} when the console serves no file of that kind. */
    static String of(String name) {
        return byExtension(BY_EXTENSION, name);
    }

    /** The media type of a plugin's console file, or {@code null} when no plugin file of that kind is served. */
    static String ofPluginFile(String name) {
        return byExtension(OF_PLUGINS, name);
    }

    /** Whether files of this type shrink when compressed. */
    static boolean compressible(String type) {
        return type.startsWith("text/") || type.startsWith("image/svg") || type.startsWith("application/json");
    }

    private static String byExtension(Map<String, String> types, String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : types.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
