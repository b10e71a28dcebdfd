package dev.plinth.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Prints samples as a table: median, min and max of each figure. */
final class Report {

    private Report() {
    }

    static void print(PrintStream out, String title, Map<String, List<Sample>> samples) {
        out.println();
        out.println(title);
        out.printf("%-26s %24s %16s %22s%n", "runtime | boot", "ready ms (median min-max)", "self-reported ms",
                "peak RSS MiB (median)");
        out.printf("%-26s %24s %16s %22s%n", "", "", "", "2 s after ready");
        samples.forEach((name, list) -> {
            long reported = median(list, Sample::reportedMillis);
            out.printf("%-26s %8d %7d-%-7d %16s %22.0f%n", name, median(list, Sample::readyMillis),
                    min(list, Sample::readyMillis), max(list, Sample::readyMillis),
                    reported < 0 ? "-" : Long.toString(reported), median(list, Sample::peakRssKib) / 1024.0);
        });
    }

    static long median(List<Sample> samples, ToLongFunction<Sample> figure) {
        return Stats.median(samples.stream().mapToLong(figure).toArray());
    }

    private static long min(List<Sample> samples, ToLongFunction<Sample> figure) {
        return samples.stream().mapToLong(figure).min().orElse(-1);
    }

    private static long max(List<Sample> samples, ToLongFunction<Sample> figure) {
        return samples.stream().mapToLong(figure).max().orElse(-1);
    }
}
