package dev.plinth.fleet.internal;

/**
 * Text from a plugin set or the database as a message may echo it: every control character written as
 * {@code \\uXXXX}, as the shell prints text read from the fleet's database, so that an id holding an escape sequence
 * reaches no terminal or log as one.
 */
final class Printable {

    private Printable() {
    }

    static String of(Object value) {
        String text = String.valueOf(value);
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (Character.isISOControl(cp)) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }
}
