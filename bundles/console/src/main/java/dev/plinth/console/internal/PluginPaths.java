package dev.plinth.console.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the paths below {@code /console} that name a plugin's files, {@code /plugins/<id>/<version>/<hash>/<path>},
 * and its frame documents, {@code /frames/<id>/<version>/<hash>/<slot>.html}. Any other shape (an empty, {@code .}
 * or {@code ..} segment, characters outside plain names, an encoded character) names nothing.
 */
final class PluginPaths {

    private static final String NAME = "[A-Za-z0-9_-][A-Za-z0-9._-]*";
    private static final String REVISION = "(" + NAME + ")/(" + NAME + ")/([0-9a-f]{12})/";
    private static final Pattern FILE = Pattern.compile("/plugins/" + REVISION + "(" + NAME + "(?:/" + NAME + ")*)");
    private static final Pattern FRAME = Pattern.compile("/frames/" + REVISION + "(page|panel|settings)\\.html");

    private PluginPaths() {
    }

    /**
     * A request's plugin, revision, and what it asks for of it.
     *
     * @param id the plugin id
     * @param version its version
     * @param hash the hash of its console files
     * @param name a file's name below {@code console/}, or a slot
     */
    record Target(String id, String version, String hash, String name) {
    }

    /** The file a path names, or {@code null}. */
    static Target file(String pathInfo) {
        return match(FILE, pathInfo);
    }

    /** The frame document a path names (its name is the slot), or {@code null}. */
    static Target frame(String pathInfo) {
        return match(FRAME, pathInfo);
    }

    private static Target match(Pattern pattern, String pathInfo) {
        if (pathInfo == null || pathInfo.contains("..")) {
            return null;
        }
        Matcher matcher = pattern.matcher(pathInfo);
        return matcher.matches() ? new Target(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4))
                : null;
    }
}
