package dev.plinth.console.internal;

import java.util.Locale;
import java.util.Map;

/** The media type of a console file by its extension; files of other extensions are not served. */
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

    private MediaTypes() {
    }

    /** The media type of a file name, or {@code null} when the console serves no file of that kind. */
    static String of(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Whether files of this type shrink when compressed. */
    static boolean compressible(String type) {
        return type.startsWith("text/") || type.startsWith("image/svg") || type.startsWith("application/json");
    }
}
