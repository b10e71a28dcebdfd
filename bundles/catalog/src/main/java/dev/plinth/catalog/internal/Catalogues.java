package dev.plinth.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.log.Logger;

import dev.plinth.common.BoundedInputStream;

/**
 * The configured catalogues and their indexes. A file index is read again when it changes; a remote one when it is
 * older than the refresh interval. A catalogue that cannot be read is skipped, and the reason kept for messages.
 */
final class Catalogues {

    /** The resources of every readable catalogue, and why the others could not be read. */
    record Contents(List<IndexResource> resources, List<String> problems) {
    }

    /** What reading an index gave: its resources, or why it could not be read. */
    private record Loaded(long lastModified, Instant at, List<IndexResource> resources, String problem) {
    }

    /** How long a remote index that could not be read is left alone before it is tried again. */
    private static final Duration RETRY = Duration.ofSeconds(30);

    private final List<URI> indexes;
    private final Locations locations;
    private final long maxBytes;
    private final Duration refresh;
    private final Clock clock;
    private final Logger log;
    private final Map<URI, Loaded> loaded = new ConcurrentHashMap<>();

    Catalogues(List<URI> indexes, Locations locations, long maxBytes, Duration refresh, Clock clock, Logger log) {
        this.indexes = List.copyOf(indexes);
        this.locations = locations;
        this.maxBytes = maxBytes;
        this.refresh = refresh;
        this.clock = clock;
        this.log = log;
    }

    List<URI> indexes() {
        return indexes;
    }

    Contents contents() {
        List<IndexResource> resources = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (URI index : indexes) {
            Loaded outcome = load(index);
            if (outcome.problem() == null) {
                resources.addAll(outcome.resources());
            } else {
                problems.add(outcome.problem());
            }
        }
        return new Contents(resources, problems);
    }

    /**
     * The index as last read while it is current: a file index until it changes, a remote one for the refresh
     * interval, or, when it could not be read, for {@link #RETRY} at most.
     */
    private Loaded load(URI index) {
        long lastModified = locations.lastModified(index);
        Loaded known = loaded.get(index);
        Instant now = clock.instant();
        if (known != null && current(index, known, lastModified, now)) {
            return known;
        }
        Loaded outcome;
        try (InputStream in = new BoundedInputStream(locations.openIndex(index), maxBytes, "the index of " + index)) {
            outcome = new Loaded(lastModified, now, IndexParser.parse(in, index, maxBytes), null);
        } catch (IOException e) {
            outcome = new Loaded(lastModified, now, List.of(), "catalogue " + index + " cannot be read: "
                    + reason(e));
            log.warn(outcome.problem());
        }
        loaded.put(index, outcome);
        return outcome;
    }

    private boolean current(URI index, Loaded known, long lastModified, Instant now) {
        if ("file".equalsIgnoreCase(index.getScheme())) {
            return known.lastModified() == lastModified;
        }
        Duration valid = known.problem() == null || refresh.compareTo(RETRY) < 0 ? refresh : RETRY;
        return known.at().plus(valid).isAfter(now);
    }

    /** What went wrong, in words: an exception without a message (an unknown host, no connection) is named. */
    static String reason(IOException e) {
        String message = e.getMessage();
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host" + (message == null ? "" : " " + message);
        }
        if (e instanceof java.net.ConnectException && message == null) {
            return "cannot connect";
        }
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
