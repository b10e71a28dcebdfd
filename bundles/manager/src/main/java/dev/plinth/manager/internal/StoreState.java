package dev.plinth.manager.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything the store knows at one commit: the records of all managed bundles and the sequence number of
 * the last committed operation. Immutable.
 */
record StoreState(long sequence, Map<String, StoredPlugin> plugins) {

    /** The class of the maps this record holds: a state made from another's records shares them, uncopied. */
    private static final Class<?> FROZEN = Collections.unmodifiableSortedMap(new TreeMap<>()).getClass();

    static final StoreState EMPTY = new StoreState(0, Map.of());

    StoreState {
        if (plugins.getClass() != FROZEN || ((SortedMap<?, ?>) plugins).comparator() != null) {
            plugins = Collections.unmodifiableSortedMap(new TreeMap<>(plugins));
        }
    }

    Optional<StoredPlugin> get(String id) {
        return Optional.ofNullable(plugins.get(id));
    }

    Collection<StoredPlugin> all() {
        return plugins.values();
    }

    StoreState with(StoredPlugin plugin) {
        return withAll(List.of(plugin));
    }

    /** This state with these records added or replaced: one copy, however many (a batch has thousands). */
    StoreState withAll(Collection<StoredPlugin> records) {
        TreeMap<String, StoredPlugin> changed = new TreeMap<>(plugins);
        records.forEach(record -> changed.put(record.id(), record));
        return new StoreState(sequence, Collections.unmodifiableSortedMap(changed));
    }

    StoreState without(String id) {
        return withoutAll(List.of(id));
    }

    /** This state without the records of these ids: one copy, however many. */
    StoreState withoutAll(Collection<String> ids) {
        TreeMap<String, StoredPlugin> changed = new TreeMap<>(plugins);
        ids.forEach(changed::remove);
        return new StoreState(sequence, Collections.unmodifiableSortedMap(changed));
    }

    /**
     * Whether {@code other} has records of the same ids with the same archives, current and previous: all that the
     * store's archives and the framework cache's fingerprints depend on. One pass over both, in id order.
     */
    boolean sameArchivesAs(StoreState other) {
        if (other.plugins == plugins) {
            return true;
        }
        if (other.plugins.size() != plugins.size()) {
            return false;
        }
        Iterator<StoredPlugin> theirs = other.plugins.values().iterator();
        for (StoredPlugin mine : plugins.values()) {
            StoredPlugin their = theirs.next();
            if (mine != their && (!mine.id().equals(their.id()) || !Objects.equals(mine.sha256(), their.sha256())
                    || !Objects.equals(mine.previousSha256(), their.previousSha256()))) {
                return false;
            }
        }
        return true;
    }

    StoreState next() {
        return new StoreState(sequence + 1, plugins);
    }
}
