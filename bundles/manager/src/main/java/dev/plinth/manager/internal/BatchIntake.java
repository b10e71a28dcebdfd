package dev.plinth.manager.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.plinth.api.BatchResult;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/**
 * The archives of a batch of installs sorted out before planning: those that could not be read or cannot go in (a
 * plugin of that id is installed, the same id twice in the batch), those that promote an installed library to a
 * plugin (each an operation of its own), and the others; and, at the end, one result per source.
 */
final class BatchIntake {

    private final List<URI> sources;
    private final List<Object> read;
    private final List<Archive> accepted = new ArrayList<>();
    private final Map<Integer, Archive> promotions = new TreeMap<>();
    private final Map<Integer, PluginException> failures = new HashMap<>();

    /** @param read per source, its {@link Archive} or the {@link PluginException} reading it gave */
    BatchIntake(List<URI> sources, List<Object> read, Planner planner) {
        this.sources = sources;
        this.read = read;
        Map<String, String> firstSource = new HashMap<>();
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i) instanceof PluginException e) {
                failures.put(i, e);
                continue;
            }
            Archive archive = (Archive) read.get(i);
            String display = ArchiveReader.display(sources.get(i));
            try {
                boolean promotion = planner.promotes(archive).isPresent();
                if (!promotion) {
                    planner.checkInstallable(archive);
                }
                String other = firstSource.putIfAbsent(archive.id(), display);
                if (other != null) {
                    throw new PluginException(Code.DUPLICATE, other.equals(display)
                            ? display + " is named twice in the batch; it is installed once"
                            : display + " holds " + archive.id() + ", which " + other + " installs in the same batch");
                }
                if (promotion) {
                    promotions.put(i, archive);
                } else {
                    accepted.add(archive);
                }
            } catch (PluginException e) {
                archive.discard();
                failures.put(i, e);
            }
        }
    }

    /** The archives to plan as one operation. */
    List<Archive> accepted() {
        return accepted;
    }

    /** The archives that promote a library, by their position among the sources. */
    Map<Integer, Archive> promotions() {
        return promotions;
    }

    /** Records why the archive at {@code position} failed. */
    void failed(int position, PluginException failure) {
        failures.put(position, failure);
    }

    /** One result per source, in order; {@code later} holds the failures by id found after the intake. */
    List<BatchResult> results(Map<String, PluginException> later) {
        List<BatchResult> results = new ArrayList<>();
        for (int i = 0; i < read.size(); i++) {
            String display = ArchiveReader.display(sources.get(i));
            if (read.get(i) instanceof Archive archive) {
                results.add(new BatchResult(display, archive.id(), archive.version().toString(),
                        failures.containsKey(i) ? failures.get(i) : later.get(archive.id())));
            } else {
                results.add(new BatchResult(display, null, null, failures.get(i)));
            }
        }
        return results;
    }
}
