package dev.plinth.bench;

import java.time.Instant;

/**
 * One line of the probe's file: {@code <event> <symbolic-name> <epoch-micros>}, where the event is
 * {@code STARTED}, {@code UNINSTALLED} or {@code ACTIVE} (already active when the probe started).
 */
record ProbeLine(String event, String symbolicName, long micros) {

    static final String STARTED = "STARTED";
    static final String STOPPED = "STOPPED";
    static final String UNINSTALLED = "UNINSTALLED";
    static final String ACTIVE = "ACTIVE";

    static ProbeLine parse(String line) {
        String[] parts = line.strip().split(" ");
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("not a probe line: '" + line + "'");
        }
        try {
            return new ProbeLine(parts[0], parts[1], Long.parseLong(parts[2]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a probe line (time): '" + line + "'", e);
        }
    }

    /** Microseconds since the epoch, as the probe stamps its lines. */
    static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }

    /** Now, in the probe's unit. */
    static long now() {
        return micros(Instant.now());
    }

    @Override
    public String toString() {
        return event + ' ' + symbolicName + ' ' + micros;
    }
}
