package dev.plinth.console.internal;

import java.util.regex.Pattern;

import dev.plinth.common.ConsoleContributions.Contribution;

/**
 * The document of a sandboxed slot's frame: it loads the SDK's frame script, which connects to the console and mounts
 * the plugin's entry module. Its policy keeps it sandboxed (an opaque origin: no cookie, no storage, no API of the
 * console), lets it load scripts, styles, images and fonts only from the SDK and from this revision of the plugin's
 * files, connect nowhere, be framed only by the console, and post no form.
 */
final class FrameDocument {

    private static final String SDK_URL = "/console/" + ConsolePaths.SDK;
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.?|\\[[0-9A-Fa-f:.]+\\])"
            + "(?::[0-9]{1,5})?");

    private FrameDocument() {
    }

    /** The document of a plugin's slot. */
    static String html(PluginConsole console, Contribution contribution) {
        return "<!doctype html><html lang=\"en\" data-plugin=\"" + escape(console.id()) + "\" data-slot=\""
                + escape(contribution.slot()) + "\" data-entry=\"" + escape(console.entryUrl(contribution)) + "\">\n"
                + "<head><meta charset=\"utf-8\"><link rel=\"stylesheet\" href=\"" + SDK_URL + "frame.css\">\n"
                + "<script type=\"module\" src=\"" + SDK_URL + "frame.js\"></script></head>"
                + "<body><div id=\"plinth-root\"></div></body></html>\n";
    }

    /**
     * The content security policy of a plugin's frames.
     *
     * @param origin {@code <scheme>://<host>} of the request ({@link #origin})
     */
    static String policy(String origin, PluginConsole console) {
        String sources = origin + SDK_URL + " " + origin + console.filesUrl();
        return "sandbox allow-scripts allow-forms; default-src 'none'; script-src " + sources + "; style-src "
                + sources + " 'unsafe-inline'; img-src " + sources + " data:; font-src " + sources
                + "; connect-src 'none'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";
    }

    /**
     * The origin a request was made to, {@code <scheme>://<host>}, or {@code null} when its {@code Host} is not a
     * plain host name or address with an optional port (it goes into a policy, so nothing else may).
     */
    static String origin(String scheme, String host) {
        if (host == null || !HOST.matcher(host).matches() || !("http".equals(scheme) || "https".equals(scheme))) {
            return null;
        }
        return scheme + "://" + host;
    }

    /** Text as an HTML attribute value between double quotes. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '&' -> escaped.append("&amp;");
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
