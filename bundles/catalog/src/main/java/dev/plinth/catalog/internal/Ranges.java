package dev.plinth.catalog.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Puts a version filter in an operator's words: {@code [1.0.0,2.0.0)} rather than an LDAP filter. */
final class Ranges {

    private static final Pattern AT_LEAST = Pattern.compile("(?<!!)\\(version>=([^)]+)\\)");
    private static final Pattern BELOW = Pattern.compile("\\(!\\(version>=([^)]+)\\)\\)");
    private static final Pattern AT_MOST = Pattern.compile("(?<!!)\\(version<=([^)]+)\\)");

    private Ranges() {
    }

    static String describe(String filter) {
        String low = find(AT_LEAST, filter);
        String below = find(BELOW, filter);
        String atMost = find(AT_MOST, filter);
        if (low != null && below != null) {
            return "[" + low + "," + below + ")";
        }
        if (low != null && atMost != null) {
            return "[" + low + "," + atMost + "]";
        }
        if (low != null) {
            return ">= " + low;
        }
        if (below != null) {
            return "< " + below;
        }
        return filter;
    }

    private static String find(Pattern pattern, String filter) {
        Matcher matcher = pattern.matcher(filter);
        return matcher.find() ? matcher.group(1) : null;
    }
}
