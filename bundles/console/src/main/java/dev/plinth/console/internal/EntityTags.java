package dev.plinth.console.internal;

/** Reads an {@code If-None-Match} header: whether it names one of a file's entity tags (or {@code *}). */
final class EntityTags {

    private EntityTags() {
    }

    /** Whether the header matches one of the tags (weak comparison, as RFC 9110 asks for If-None-Match). */
    static boolean matches(String ifNoneMatch, String... tags) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String part : ifNoneMatch.split(",")) {
            String candidate = part.trim();
            if (candidate.equals("*")) {
                return true;
            }
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            for (String tag : tags) {
                if (candidate.equals(tag)) {
                    return true;
                }
            }
        }
        return false;
    }
}
