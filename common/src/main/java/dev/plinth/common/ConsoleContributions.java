package dev.plinth.common;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a plugin's {@code Plinth-Console} manifest header: the console slots it fills with its own modules.
 * <pre>Plinth-Console: page;entry=console/page.js;title="Greetings", panel;entry=console/panel.js,
 *  settings;entry=console/settings.js</pre>
 * Slots are {@code page}, {@code panel} and {@code settings}, each at most once. {@code entry} is required: a path in
 * the bundle under {@code console/}, segments {@code [A-Za-z0-9_-][A-Za-z0-9._-]*}, ending {@code .js} or
 * {@code .mjs}. {@code title} (page and panel only) is 1 to 40 characters without control characters; a value may be
 * quoted (it must be when it holds a comma or a semicolon). Anything else makes the header invalid.
 */
public final class ConsoleContributions {

    /** The name of the manifest header. */
    public static final String HEADER = "Plinth-Console";
    /** The folder of a bundle its console files are in. */
    public static final String FOLDER = "console/";
    /** The slots, in the order the console lists them. */
    public static final List<String> SLOTS = List.of("page", "panel", "settings");

    private static final Set<String> TITLED = Set.of("page", "panel");
    private static final Pattern ENTRY = Pattern.compile("console(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+\\.m?js");
    private static final int MAX_TITLE = 40;
    private static final int QUOTED_CLAUSE = 60;

    private ConsoleContributions() {
    }

    /**
     * One slot a plugin fills.
     *
     * @param slot {@code page}, {@code panel} or {@code settings}
     * @param entry the module's path in the bundle, starting {@code console/}
     * @param title the title, or {@code null} when the header gives none
     */
    public record Contribution(String slot, String entry, String title) {
    }

    /**
     * The contributions a header declares, in the order of {@link #SLOTS}.
     *
     * @param header the header's value; {@code null} (no header) declares nothing
     * @throws IllegalArgumentException naming the clause and what is wrong with it
     */
    public static List<Contribution> parse(String header) {
        if (header == null) {
            return List.of();
        }
        List<String> clauses = HeaderClauses.split(header);
        if (clauses.isEmpty()) {
            throw new IllegalArgumentException("it names no slot (page, panel or settings)");
        }
        Map<String, Contribution> bySlot = new LinkedHashMap<>();
        for (int i = 0; i < clauses.size(); i++) {
            String clause = clauses.get(i);
            Contribution contribution = clause(clause, i + 1);
            if (bySlot.containsKey(contribution.slot())) {
                throw invalid(clause, i + 1, "the slot " + contribution.slot() + " is already declared");
            }
            bySlot.put(contribution.slot(), contribution);
        }
        List<Contribution> sorted = new ArrayList<>();
        for (String slot : SLOTS) {
            if (bySlot.containsKey(slot)) {
                sorted.add(bySlot.get(slot));
            }
        }
        return List.copyOf(sorted);
    }

    private static Contribution clause(String clause, int number) {
        List<String> parts = parts(clause, number);
        String slot = parts.get(0).trim();
        if (!SLOTS.contains(slot)) {
            throw invalid(clause, number, "unknown slot '" + shown(slot) + "' (page, panel or settings)");
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String part : parts.subList(1, parts.size())) {
            int equals = part.indexOf('=');
            String name = (equals < 0 ? part : part.substring(0, equals)).trim();
            if (equals < 0 || name.endsWith(":")) {
                throw invalid(clause, number, "'" + shown(name) + "' is not an attribute (name=value)");
            }
            if (!name.equals("entry") && !(name.equals("title") && TITLED.contains(slot))) {
                throw invalid(clause, number, "unknown attribute '" + shown(name) + "' of " + slot
                        + (TITLED.contains(slot) ? " (entry, title)" : " (entry)"));
            }
            String value = unquote(part.substring(equals + 1).trim());
            if (value == null) {
                throw invalid(clause, number, "the value of " + name + " has a quote inside it");
            }
            if (attributes.put(name, value) != null) {
                throw invalid(clause, number, "the attribute " + name + " is given twice");
            }
        }
        String entry = attributes.get("entry");
        if (entry == null) {
            throw invalid(clause, number, "entry is missing");
        }
        if (entry.contains("..") || !ENTRY.matcher(entry).matches()) {
            throw invalid(clause, number, "entry must be a .js or .mjs file under console/ (segments of letters, "
                    + "digits, '.', '_' and '-', no '..')");
        }
        String title = attributes.get("title");
        if (title != null) {
            checkTitle(title, clause, number);
        }
        return new Contribution(slot, entry, title);
    }

    private static void checkTitle(String title, String clause, int number) {
        int length = title.codePointCount(0, title.length());
        if (title.isBlank() || length > MAX_TITLE) {
            throw invalid(clause, number, "title must be 1 to " + MAX_TITLE + " characters");
        }
        for (int i = 0; i < title.length(); i++) {
            char c = title.charAt(i);
            int type = Character.getType(c);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 >= title.length()
                    || !Character.isLowSurrogate(title.charAt(++i)) : Character.isLowSurrogate(c);
            if (lone || type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                throw invalid(clause, number, "title holds a control character");
            }
        }
    }

    /** The clause split at semicolons outside double quotes. */
    private static List<String> parts(String clause, int number) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < clause.length(); i++) {
            char c = clause.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (quoted) {
            throw invalid(clause, number, "a quote is not closed");
        }
        parts.add(current.toString());
        return parts;
    }

    /** The value without its enclosing quotes; {@code null} when a quote is anywhere else. */
    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            String inner = value.substring(1, value.length() - 1);
            if (inner.indexOf('"') < 0) {
                return inner;
            }
        }
        return value.indexOf('"') >= 0 ? null : value;
    }

    private static IllegalArgumentException invalid(String clause, int number, String what) {
        return new IllegalArgumentException("clause " + number + " (" + shown(clause) + "): " + what);
    }

    /** Text of the header as a message may quote it: control characters as '?', at most 60 characters. */
    private static String shown(String text) {
        StringBuilder shown = new StringBuilder();
        text.codePoints().limit(QUOTED_CLAUSE).forEach(c -> shown.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return text.codePointCount(0, text.length()) > QUOTED_CLAUSE ? shown + "..." : shown.toString();
    }
}
