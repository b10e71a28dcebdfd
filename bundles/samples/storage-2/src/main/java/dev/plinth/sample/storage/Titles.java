package dev.plinth.sample.storage;

/** How version 2.0.0 writes a note's text: its author split off, its title tidied. */
public final class Titles {

    /** The longest author kept; the column holds 100 characters. */
    static final int MAX_AUTHOR = 100;

    private Titles() {
    }

    /** The title with every run of blanks one space, trimmed, its first letter in upper case. */
    public static String normalised(String title) {
        String text = title.strip().replaceAll("\\s+", " ");
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(java.util.Locale.ROOT) + text.substring(1);
    }

    /** {@code alice: buy milk} as title and author (as the migration V2 splits them); without an author, null. */
    static Note split(String text) {
        int colon = text.indexOf(':');
        if (colon >= 1 && colon <= MAX_AUTHOR && !text.substring(colon + 1).isBlank()) {
            return new Note(0, normalised(text.substring(colon + 1)), text.substring(0, colon).strip());
        }
        return new Note(0, normalised(text), null);
    }
}
