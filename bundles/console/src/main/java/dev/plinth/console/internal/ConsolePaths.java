package dev.plinth.console.internal;

import java.util.regex.Pattern;

/**
 * Turns the path of a request below {@code /console} into the name of a console file: {@code /} is
 * {@code index.html}, {@code /assets/...} a file of the assets, {@code /sdk/1.0.0/...} a file of the console SDK
 * that plugins' modules use. Anything else, and any path with a segment that is empty, {@code .} or {@code ..}, or
 * with characters outside a plain file name, names no file.
 */
final class ConsolePaths {

    /** The version of the console SDK, in its URLs and in the capability the console provides. */
    static final String SDK_VERSION = "1.0.0";
    /** Where the SDK's files are below {@code console/}. */
    static final String SDK = "sdk/" + SDK_VERSION + "/";

    private static final Pattern ASSET = Pattern.compile("(assets|" + Pattern.quote("sdk/" + SDK_VERSION)
            + ")(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+");

    private ConsolePaths() {
    }

    /**
     * The file a path names.
     *
     * @param pathInfo the decoded path below {@code /console}, starting with {@code /}
     * @return the file's name below {@code console/}, or {@code null} when it names none
     */
    static String fileName(String pathInfo) {
        if ("/".equals(pathInfo) || "/index.html".equals(pathInfo)) {
            return "index.html";
        }
        if (pathInfo == null || !pathInfo.startsWith("/")) {
            return null;
        }
        String name = pathInfo.substring(1);
        if (!ASSET.matcher(name).matches()) {
            return null;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return name;
    }
}
