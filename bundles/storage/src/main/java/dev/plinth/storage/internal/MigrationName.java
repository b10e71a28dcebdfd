package dev.plinth.storage.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A versioned migration as its entry name says: {@code db/migration/V2__add_email.sql} (SQL) or
 * {@code db/migration/V3__Move_names.class} (a Java {@code Migration}). Versions compare part by part as numbers
 * ({@code 1.10 > 1.9}), with {@code _} or {@code .} between parts, as Flyway compares them.
 *
 * @param version the version, parts joined with {@code .}
 * @param description the description, {@code _} read as spaces
 * @param type {@code SQL} or {@code JDBC}
 * @param entry the entry's path in the bundle
 */
record MigrationName(String version, String description, String type, String entry) {

    /** Where a plugin's migrations are, in its bundle. */
    static final String FOLDER = "db/migration";

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Pattern NAME = Pattern.compile("V([0-9]+(?:[._][0-9]+)*)__([^/$\\p{Cntrl}]*)\\.(sql|class)");

    /** The migration an entry path is, or empty (a repeatable migration, an inner class, another file). */
    static Optional<MigrationName> of(String entry) {
        String file = entry.substring(entry.lastIndexOf('/') + 1);
        Matcher matcher = NAME.matcher(file);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new MigrationName(matcher.group(1).replace('_', '.'), matcher.group(2).replace('_', ' '),
                matcher.group(3).equals("sql") ? "SQL" : "JDBC", entry));
    }

    /**
     * The migrations among entry paths, oldest first.
     *
     * @throws IllegalArgumentException in words, for an entry Flyway would run that is not read the same way here (a
     *         control character in its name, a malformed {@code V...sql} name), or two migrations of the
     *         same version ({@code V1__} and {@code V1.0__})
     */
    static List<MigrationName> among(Collection<String> entries) {
        List<MigrationName> names = new ArrayList<>();
        for (String entry : entries) {
            String file = entry.substring(entry.lastIndexOf('/') + 1);
            if (CONTROL.matcher(entry).find()) {
                throw new IllegalArgumentException("the migration entry " + escaped(entry)
                        + " has a control character in its name: refused");
            }
            Optional<MigrationName> name = of(entry);
            if (name.isEmpty() && file.endsWith(".sql") && file.startsWith("V")) {
                throw new IllegalArgumentException("the migration entry " + entry + " is not named V<version>__"
                        + "<description>.sql: refused");
            }
            name.ifPresent(names::add);
        }
        names.sort(Comparator.comparing(MigrationName::version, MigrationName::compare));
        for (int i = 1; i < names.size(); i++) {
            if (compare(names.get(i - 1).version(), names.get(i).version()) == 0) {
                throw new IllegalArgumentException("the migrations " + names.get(i - 1).entry() + " and "
                        + names.get(i).entry() + " have the same version " + names.get(i).version() + ": refused");
            }
        }
        return names;
    }

    /** {@code text} with every control character written as a backslash, u and four hexadecimal digits, for a line of text output. */
    static String escaped(String text) {
        return CONTROL.matcher(text).replaceAll(match -> String.format("\\\\u%04x", (int) match.group()
                .charAt(0)));
    }

    /** The newest version among {@code names}, or {@code null} when there are none. */
    static String highest(List<MigrationName> names) {
        return names.isEmpty() ? null : names.get(names.size() - 1).version();
    }

    /** The binary name of a Java migration's class ({@code db.migration.V3__Move_names}). */
    String className() {
        return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
    }

    /** How a plan shows it: {@code 2 add email [SQL]}. */
    String label() {
        return version + " " + description + " [" + type + "]";
    }

    /** Compares two versions part by part as numbers; {@code null} (no version) is the lowest. */
    static int compare(String a, String b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        String[] left = a.split("[._]");
        String[] right = b.split("[._]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            java.math.BigInteger l = i < left.length ? new java.math.BigInteger(left[i]) : java.math.BigInteger.ZERO;
            java.math.BigInteger r = i < right.length ? new java.math.BigInteger(right[i])
                    : java.math.BigInteger.ZERO;
            int c = l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
