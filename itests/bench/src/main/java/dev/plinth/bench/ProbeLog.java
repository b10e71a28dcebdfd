package dev.plinth.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * The probe's file as the harness follows it: reads what was appended since the last look, keeps the
 * lines in order, and waits for lines with a bound by looking again every {@link #POLL}. Positions are
 * line indexes: take {@link #mark()} before acting, then wait for lines from that mark on.
 */
final class ProbeLog {

    static final Duration POLL = Duration.ofMillis(2);

    private final Path file;
    private final BooleanSupplier writerAlive;
    private final List<ProbeLine> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private long offset;

    /** @param writerAlive whether the process the probe runs in is still there: waits end early when not */
    ProbeLog(Path file, BooleanSupplier writerAlive) {
        this.file = file;
        this.writerAlive = writerAlive;
    }

    /** The index the next line will have. */
    int mark() throws IOException {
        refresh();
        return lines.size();
    }

    List<ProbeLine> lines() throws IOException {
        refresh();
        return List.copyOf(lines);
    }

    /** Reads what the probe appended since the last look; an unfinished last line waits for its end. */
    void refresh() throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        byte[] appended;
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            if (length <= offset) {
                return;
            }
            appended = new byte[Math.toIntExact(length - offset)];
            in.seek(offset);
            in.readFully(appended);
            offset = length;
        }
        partial.append(new String(appended, StandardCharsets.UTF_8));
        int end;
        while ((end = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, end);
            partial.delete(0, end + 1);
            if (!line.isBlank()) {
                lines.add(ProbeLine.parse(line));
            }
        }
    }

    /** The first line from {@code from} on that matches, waiting at most {@code bound} for it. */
    ProbeLine await(int from, Predicate<ProbeLine> wanted, String what, Duration bound)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        int next = from;
        while (true) {
            refresh();
            for (; next < lines.size(); next++) {
                if (wanted.test(lines.get(next))) {
                    return lines.get(next);
                }
            }
            pauseOrFail(deadline, what, bound);
        }
    }

    /** The first {@code event} line of one bundle from {@code from} on. */
    ProbeLine await(int from, String event, String symbolicName, Duration bound)
            throws IOException, InterruptedException {
        return await(from, line -> line.event().equals(event) && line.symbolicName().equals(symbolicName),
                event + " " + symbolicName, bound);
    }

    /**
     * Waits until every one of {@code names} has an {@code event} line from {@code from} on, and returns
     * the latest of their first such lines' times: when the last of them got there.
     */
    long awaitAll(int from, String event, Collection<String> names, Duration bound)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        Set<String> missing = new HashSet<>(names);
        Map<String, Long> seen = new HashMap<>();
        int next = from;
        while (true) {
            refresh();
            for (; next < lines.size(); next++) {
                ProbeLine line = lines.get(next);
                if (line.event().equals(event) && missing.remove(line.symbolicName())) {
                    seen.put(line.symbolicName(), line.micros());
                }
            }
            if (missing.isEmpty()) {
                return seen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            }
            pauseOrFail(deadline, event + " of " + missing.size() + " of " + names.size() + " bundles (e.g. "
                    + missing.iterator().next() + ")", bound);
        }
    }

    private void pauseOrFail(long deadline, String what, Duration bound) throws IOException, InterruptedException {
        boolean alive = writerAlive.getAsBoolean();
        if (!alive || System.nanoTime() - deadline > 0) {
            List<ProbeLine> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            throw new IOException("the probe did not report " + what + (alive ? " within " + bound.toSeconds()
                    + " s" : ": the runtime exited") + " (" + file + ", last lines: " + tail + ")");
        }
        Thread.sleep(POLL.toMillis());
    }
}
