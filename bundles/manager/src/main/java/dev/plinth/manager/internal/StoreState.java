package dev.plinth.manager.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the store knows at one commit: the records of all managed bundles and the sequence number of
 * the last committed operation. Immutable.
 */
record StoreState(long sequence, Map<String, StoredPlugin> plugins) {

    static final StoreState EMPTY = new StoreState(0, Map.of());

    StoreState {
        plugins = java.util.Collections.unmodifiableMap(new TreeMap<>(plugins));
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
        Map<String, StoredPlugin> changed = new TreeMap<>(plugins);
        records.forEach(record -> changed.put(record.id(), record));
        return new StoreState(sequence, changed);
    }

    StoreState without(String id) {
        return withoutAll(List.of(id));
    }

    /** This state without the records of these ids: one copy, however many. */
    StoreState withoutAll(Collection<String> ids) {
        Map<String, StoredPlugin> changed = new TreeMap<>(plugins);
        ids.forEach(changed::remove);
        return new StoreState(sequence, changed);
    }

    StoreState next() {
        return new StoreState(sequence + 1, plugins);
    }
}
