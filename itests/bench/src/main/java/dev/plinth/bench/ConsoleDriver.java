package dev.plinth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Plinth's console read from its standard input ({@link PlinthRuntime#piped}): types a command followed by
 * {@code echo <marker>} and times the round trip until the marker is printed, which the console does once the
 * command has returned. Whatever the command printed is handed back, so that the caller can check it.
 */
final class ConsoleDriver {

    private final Process process;
    private final Path output;
    private final Duration bound;
    private int markers;
    private int seen;

    ConsoleDriver(Process process, Path output, Duration bound) throws IOException {
        this.process = process;
        this.output = output;
        this.bound = bound;
        this.seen = Files.readString(output, StandardCharsets.UTF_8).length();
    }

    /** What one command took and printed. */
    record RoundTrip(long micros, String printed) {
    }

    RoundTrip run(String command) throws IOException, InterruptedException {
        String marker = "bench-mark-" + (++markers) + "-done";
        long sent = System.nanoTime();
        process.getOutputStream().write((command + "\necho " + marker + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
        long deadline = sent + bound.toNanos();
        while (true) {
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            int at = printed.indexOf(marker, seen);
            if (at >= 0) {
                long micros = (System.nanoTime() - sent) / 1000;
                String answer = printed.substring(seen, at);
                seen = at + marker.length();
                return new RoundTrip(micros, answer);
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IOException("no answer to '" + command + "' (" + (process.isAlive() ? "timed out"
                        : "the runtime exited") + "): " + printed.substring(Math.min(seen, printed.length())));
            }
            Thread.onSpinWait();
            Thread.sleep(0, 200_000);
        }
    }

    /** Runs the command and fails when its output names an error. */
    RoundTrip checked(String command) throws IOException, InterruptedException {
        RoundTrip trip = run(command);
        String lower = trip.printed().toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("error") || lower.contains("fail") || lower.contains("refused")
                || lower.contains("exception")) {
            throw new IOException("'" + command + "' answered: " + trip.printed().strip());
        }
        return trip;
    }
}
