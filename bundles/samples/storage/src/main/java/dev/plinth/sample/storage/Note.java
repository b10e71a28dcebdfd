package dev.plinth.sample.storage;

/**
 * One note.
 *
 * @param id its number
 * @param title what it says
 * @param author who wrote it, or {@code null} (version 1.0.0 keeps the author in the title)
 */
public record Note(int id, String title, String author) {

    /** The note as one line of {@code notes:list}. */
    public String line() {
        return id + "  " + title + (author == null ? "" : "  (" + author + ")");
    }

    /** The note as a JSON object. */
    public String json() {
        return "{\"id\":" + id + ",\"title\":" + quoted(title) + ",\"author\":" + (author == null ? "null"
                : quoted(author)) + "}";
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
