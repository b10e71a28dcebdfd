package dev.plinth.fleet.internal;

import java.util.regex.Pattern;

/**
 * Text from a plugin set or the database as a message may echo it: every control character written as
 * {@code \\uXXXX}, as the shell prints text read from the fleet's database, so that an id holding an escape sequence
 * reaches no terminal or log as one.
 */
final class Printable {

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Printable() {
    }

    static String of(Object value) {
        String text = String.valueOf(value);
        return CONTROL.matcher(text).replaceAll(match -> String.format("\\\\u%04x", (int) match.group().charAt(0)));
    }
}
