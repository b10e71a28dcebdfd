package dev.plinth.common;

import java.util.ArrayList;
import java.util.List;

/** The clauses of an OSGi manifest header ({@code Require-Capability}, {@code Export-Package}, ...). */
public final class HeaderClauses {

    private HeaderClauses() {
    }

    /** The clauses of {@code header}, split at commas outside double quotes, trimmed, blank ones dropped. */
    public static List<String> split(String header) {
        List<String> clauses = new ArrayList<>();
        if (header == null) {
            return clauses;
        }
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                add(clauses, current);
            } else {
                current.append(c);
            }
        }
        add(clauses, current);
        return clauses;
    }

    private static void add(List<String> clauses, StringBuilder current) {
        if (!current.toString().isBlank()) {
            clauses.add(current.toString().trim());
        }
        current.setLength(0);
    }
}
