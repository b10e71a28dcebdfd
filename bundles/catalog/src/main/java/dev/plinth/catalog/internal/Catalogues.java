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

/**
 * The configured catalogues and their indexes. A file index is read again when it changes; a remote one when it is
 * older than the refresh interval. A catalogue that cannot be read is skipped, and the reason kept for messages.
 */
final class Catalogues {

    /** The resources of every readable catalogue, and why the others could not be read. */
    record Contents(List<IndexResource> resources, List<String> problems) {
    }

    private record Loaded(long lastModified, Instant at, List<IndexResource> resources) {
    }

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
            try {
                resources.addAll(load(index));
            } catch (IOException e) {
                String problem = "catalogue " + index + " cannot be read: " + e.getMessage();
                problems.add(problem);
                log.warn(problem);
            }
        }
        return new Contents(resources, problems);
    }

    private List<IndexResource> load(URI index) throws IOException {
        long lastModified = locations.lastModified(index);
        Loaded known = loaded.get(index);
        Instant now = clock.instant();
        if (known != null && (lastModified >= 0 ? known.lastModified() == lastModified
                : known.at().plus(refresh).isAfter(now))) {
            return known.resources();
        }
        List<IndexResource> resources;
        try (InputStream in = new LimitedInputStream(locations.open(index), maxBytes, "the index of " + index)) {
            resources = IndexParser.parse(in, index);
        }
        loaded.put(index, new Loaded(lastModified, now, resources));
        return resources;
    }
}
