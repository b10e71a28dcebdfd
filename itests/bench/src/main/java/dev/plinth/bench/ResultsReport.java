package dev.plinth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints {@link Results} three ways: a table with Plinth's figure, the reference's figure and their ratio
 * on each row; one {@code RESULT <metric> <value> <unit>} line per metric for scripts; and the same with
 * every value of every run as {@code results.json}.
 */
final class ResultsReport {

    private static final String ROW = "%-60s %-7s %24s %20s %6s %20s %6s %20s %6s   %s%n";

    private static final String TIMELINE_ROW = "%-70s %24s %8s%n";

    private ResultsReport() {
    }

    static void table(PrintStream out, String title, Results results) {
        out.println();
        out.println(title);
        results.notes().forEach(note -> out.println("note: " + note));
        for (String section : results.sections()) {
            List<Row> rows = results.rows(section);
            if (rows.isEmpty()) {
                continue;
            }
            out.println();
            out.println(section + " (reference: " + results.references().get(section) + ")");
            out.printf(ROW, "measure", "unit", "Plinth median (min-max)", "reference", "ratio",
                    "FileInstall default", "ratio", "Karaf 4.4.10", "ratio", "Plinth target");
            for (Row row : rows) {
                out.printf(ROW, row.measure(), row.unit(), cell(row.plinth()), cell(row.reference()),
                        ratio(row.ratio()), cell(row.defaultPoll()), ratio(row.ratioToDefaultPoll()), cell(row.karaf()),
                        ratio(row.ratioToKaraf()), row.target());
            }
        }
        results.timelines().forEach((name, phases) -> {
            out.println();
            out.println(name);
            out.printf(TIMELINE_ROW, "phase (ends)", "at ms, median (min-max)", "took ms");
            for (TimelinePhase phase : phases) {
                out.printf(TIMELINE_ROW, phase.phase(), cell(phase.at()), number(phase.took()));
            }
        });
        out.println();
        out.println("ratio: Plinth's median over the reference's (below 1: Plinth is faster or smaller)");
    }

    /** One line per metric: Plinth's median, the references' medians and the ratios. */
    static List<String> resultLines(Results results) {
        List<String> lines = new ArrayList<>();
        for (Row row : results.rows()) {
            String unit = row.unit().isEmpty() ? "1" : row.unit();
            if (row.plinth() != null) {
                lines.add("RESULT " + row.key() + " " + number(row.plinth().median()) + " " + unit);
            }
            if (row.reference() != null) {
                lines.add("RESULT " + row.key() + ".reference " + number(row.reference().median()) + " " + unit);
            }
            if (row.defaultPoll() != null) {
                lines.add("RESULT " + row.key() + ".fileinstall_default " + number(row.defaultPoll().median()) + " "
                        + unit);
            }
            if (row.karaf() != null) {
                lines.add("RESULT " + row.key() + ".karaf " + number(row.karaf().median()) + " " + unit);
                if (!Double.isNaN(row.ratioToKaraf())) {
                    lines.add("RESULT " + row.key() + ".karaf_ratio " + number(row.ratioToKaraf()) + " x");
                }
            }
            if (!Double.isNaN(row.ratio())) {
                lines.add("RESULT " + row.key() + ".ratio " + number(row.ratio()) + " x");
            }
        }
        return lines;
    }

    static void writeJson(Path file, String title, Results results) throws IOException {
        StringBuilder json = new StringBuilder("{\n  \"title\": ").append(string(title)).append(",\n  \"notes\": [");
        json.append(results.notes().stream().map(ResultsReport::string).collect(Collectors.joining(", ")));
        json.append("],\n  \"references\": {");
        json.append(results.references().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .map(entry -> string(entry.getKey()) + ": " + string(entry.getValue()))
                .collect(Collectors.joining(", ")));
        json.append("},\n  \"metrics\": [");
        List<String> rows = new ArrayList<>();
        for (Row row : results.rows()) {
            StringBuilder item = new StringBuilder("\n    {\"key\": ").append(string(row.key()))
                    .append(", \"section\": ").append(string(row.section()))
                    .append(", \"measure\": ").append(string(row.measure()))
                    .append(", \"unit\": ").append(string(row.unit()))
                    .append(", \"target\": ").append(string(row.target()));
            figure(item, "plinth", row.plinth());
            figure(item, "reference", row.reference());
            figure(item, "fileinstallDefault", row.defaultPoll());
            figure(item, "karaf", row.karaf());
            if (!Double.isNaN(row.ratioToKaraf())) {
                item.append(", \"karafRatio\": ").append(number(row.ratioToKaraf()));
            }
            if (!Double.isNaN(row.ratio())) {
                item.append(", \"ratio\": ").append(number(row.ratio()));
            }
            rows.add(item.append('}').toString());
        }
        json.append(String.join(",", rows)).append("\n  ],\n  \"timelines\": {");
        List<String> timelines = new ArrayList<>();
        results.timelines().forEach((name, phases) -> {
            List<String> items = new ArrayList<>();
            for (TimelinePhase phase : phases) {
                StringBuilder item = new StringBuilder("\n      {\"phase\": ").append(string(phase.phase()))
                        .append(", \"tookMs\": ").append(number(phase.took()));
                figure(item, "atMs", phase.at());
                items.add(item.append('}').toString());
            }
            timelines.add("\n    " + string(name) + ": [" + String.join(",", items) + "\n    ]");
        });
        json.append(String.join(",", timelines)).append("\n  }\n}\n");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, json, StandardCharsets.UTF_8);
    }

    private static void figure(StringBuilder item, String name, Figure figure) {
        if (figure == null) {
            return;
        }
        item.append(", \"").append(name).append("\": {\"median\": ").append(number(figure.median()))
                .append(", \"min\": ").append(number(figure.min())).append(", \"max\": ")
                .append(number(figure.max())).append(", \"values\": [")
                .append(figure.values().stream().map(ResultsReport::number).collect(Collectors.joining(", ")))
                .append("]}");
    }

    static String cell(Figure figure) {
        if (figure == null) {
            return "-";
        }
        if (figure.values().size() == 1) {
            return number(figure.median());
        }
        return number(figure.median()) + " (" + number(figure.min()) + "-" + number(figure.max()) + ")";
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f", ratio);
    }

    /** Three significant digits at most, no exponent, no trailing zeros. */
    static String number(double value) {
        double magnitude = Math.abs(value);
        String text;
        if (magnitude >= 100 || value == Math.rint(value) && magnitude < 1e15) {
            text = String.format(Locale.ROOT, "%.0f", value);
        } else if (magnitude >= 10) {
            text = String.format(Locale.ROOT, "%.1f", value);
        } else {
            text = String.format(Locale.ROOT, "%.2f", value);
        }
        return text;
    }

    private static String string(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
