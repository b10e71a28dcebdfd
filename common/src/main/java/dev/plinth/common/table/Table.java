package dev.plinth.common.table;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, two spaces apart, no borders, no trailing blanks. */
public final class Table {

    private static final String GAP = "  ";

    private final String indent;
    private final List<String[]> rows = new ArrayList<>();

    private Table(String indent) {
        this.indent = indent;
    }

    /** A table whose first line is {@code headers}. */
    public static Table withHeader(String... headers) {
        return new Table("").row((Object[]) headers);
    }

    /** A table without a header line, each line starting with {@code indent}. */
    public static Table indented(String indent) {
        return new Table(indent);
    }

    /** Adds a line; {@code null} cells are shown empty, others by {@code String.valueOf}. */
    public Table row(Object... cells) {
        String[] line = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            line[i] = cells[i] == null ? "" : String.valueOf(cells[i]);
        }
        rows.add(line);
        return this;
    }

    /** The lines, separated by newlines, without a final newline. */
    public String render() {
        int[] widths = widths();
        StringBuilder text = new StringBuilder();
        for (String[] line : rows) {
            if (text.length() > 0) {
                text.append('\n');
            }
            StringBuilder out = new StringBuilder(indent);
            for (int i = 0; i < line.length; i++) {
                out.append(line[i]);
                if (i < line.length - 1) {
                    out.append(" ".repeat(widths[i] - line[i].length())).append(GAP);
                }
            }
            text.append(out.toString().stripTrailing());
        }
        return text.toString();
    }

    private int[] widths() {
        int columns = rows.stream().mapToInt(line -> line.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] line : rows) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        return widths;
    }

    @Override
    public String toString() {
        return render();
    }
}
