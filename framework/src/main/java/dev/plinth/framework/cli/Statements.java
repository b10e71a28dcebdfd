package dev.plinth.framework.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a Gogo program into its statements: at {@code ;} and line breaks outside quotes, escapes, closures
 * ({@code {}}), lists ({@code []}) and executions ({@code ()}), so that each statement's result can be printed in
 * turn; Gogo itself returns only the last one.
 */
final class Statements {

    private Statements() {
    }

    /** The program's statements in order, each stripped; blank statements are left out. */
    static List<String> split(String program) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        char quote = 0;
        for (int i = 0; i < program.length(); i++) {
            char c = program.charAt(i);
            if (c == '\\' && quote != '\'' && i + 1 < program.length()) {
                current.append(c).append(program.charAt(++i));
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '{' || c == '[' || c == '(') {
                depth++;
            } else if ((c == '}' || c == ']' || c == ')') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == ';' || c == '\n' || c == '\r')) {
                add(statements, current);
                continue;
            }
            current.append(c);
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder current) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
        current.setLength(0);
    }
}
