package dev.plinth.storage.internal.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The name of a plugin's role and schema, and the quoting of names and texts in SQL.
 *
 * <p>A plugin id made of lower-case letters, digits and single underscores between them, short enough, is its own
 * name: {@code plugin_<id>}. Any other id (dots, upper case, quotes, more than PostgreSQL's 63 bytes) becomes a
 * readable part (lower case, every run of other characters one underscore, cut to length) followed by two underscores
 * and 12 hexadecimal digits of the id's SHA-256: {@code dev.plinth.Notes} is
 * {@code plugin_dev_plinth_notes__<hash>}. The first kind never holds two underscores in a row, so the two kinds never
 * meet, and two ids of the second kind share a name only if their hashes' first 48 bits do; that is refused too,
 * since every schema records the id it belongs to ({@link PostgresAdmin}).
 */
public final class PostgresNames {

    /** PostgreSQL's longest identifier, in bytes (NAMEDATALEN - 1). */
    public static final int MAX_IDENTIFIER_BYTES = 63;

    private static final String PREFIX = "plugin_";
    private static final Pattern PLAIN = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");
    private static final int HASH_CHARS = 12;

    private PostgresNames() {
    }

    /** The name of the role and the schema of plugin {@code id}: at most 63 ASCII bytes of {@code [a-z0-9_]}. */
    public static String of(String id) {
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("a plugin id is required");
        }
        if (PLAIN.matcher(id).matches() && PREFIX.length() + id.length() <= MAX_IDENTIFIER_BYTES) {
            return PREFIX + id;
        }
        String suffix = "__" + hash(id);
        String readable = id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        int room = MAX_IDENTIFIER_BYTES - PREFIX.length() - suffix.length();
        if (readable.length() > room) {
            readable = readable.substring(0, room).replaceAll("_+$", "");
        }
        return PREFIX + readable + suffix;
    }

    /** {@code name} as a quoted SQL identifier: in double quotes, a double quote doubled. */
    public static String identifier(String name) {
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL name cannot hold a NUL character");
        }
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * {@code text} as an SQL string literal with escapes ({@code E'...'}, a backslash and a single quote doubled),
     * read the same whatever the server's {@code standard_conforming_strings}.
     */
    public static String literal(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an SQL text cannot hold a NUL character");
        }
        return "E'" + text.replace("\\", "\\\\").replace("'", "''") + '\'';
    }

    private static String hash(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, HASH_CHARS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
