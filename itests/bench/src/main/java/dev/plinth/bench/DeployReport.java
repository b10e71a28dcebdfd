package dev.plinth.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the deploy figures as a table (median, p95, min and max of each runtime and measure, in
 * milliseconds, with the target for Plinth beside its rows) and writes them one by one to a file.
 * Targets are shown, never checked.
 */
final class DeployReport {

    private static final String ROW = "%-58s %9s %9s %19s   %s%n";

    private DeployReport() {
    }

    /**
     * @param figures microseconds by measure, by runtime; a measure without figures has no row
     * @param notes lines printed under the title (runtimes that were skipped or failed)
     * @param targets the target of each measure, shown on the rows of {@code targetRuntime}
     */
    static void print(PrintStream out, String title, Map<String, Map<String, List<Long>>> figures, List<String> notes,
            String targetRuntime, Map<String, String> targets) {
        out.println();
        out.println(title);
        notes.forEach(out::println);
        out.printf(ROW, "runtime | measure", "median ms", "p95 ms", "min-max ms", targetRuntime + " target (ms)");
        figures.forEach((runtime, measures) -> measures.forEach((measure, micros) -> {
            if (micros.isEmpty()) {
                return;
            }
            long[] values = micros.stream().mapToLong(Long::longValue).toArray();
            String target = runtime.equals(targetRuntime) ? targets.getOrDefault(measure, "") : "";
            out.printf(ROW, runtime + " | " + measure, millis(Stats.median(values)),
                    millis(Stats.percentile(values, 95)),
                    millis(Stats.min(values)) + "-" + millis(Stats.max(values)), target);
        }));
    }

    /** Every figure on its own line: runtime, measure, repetition and milliseconds, tab-separated. */
    static void write(Path file, String title, Map<String, Map<String, List<Long>>> figures, List<String> notes)
            throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# " + title);
        notes.forEach(note -> lines.add("# " + note));
        lines.add("# runtime\tmeasure\trepetition\tms");
        figures.forEach((runtime, measures) -> measures.forEach((measure, micros) -> {
            for (int i = 0; i < micros.size(); i++) {
                lines.add(runtime + "\t" + measure + "\t" + (i + 1) + "\t" + millis(micros.get(i)));
            }
        }));
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** Microseconds as milliseconds with one decimal. */
    static String millis(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }
}
