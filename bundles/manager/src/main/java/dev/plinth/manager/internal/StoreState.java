package dev.plinth.manager.internal;

import java.util.Collection;
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
        Map<String, StoredPlugin> changed = new TreeMap<>(plugins);
        changed.put(plugin.id(), plugin);
        return new StoreState(sequence, changed);
    }

    StoreState without(String id) {
        Map<String, StoredPlugin> changed = new TreeMap<>(plugins);
        changed.remove(id);
        return new StoreState(sequence, changed);
    }

    StoreState next() {
        return new StoreState(sequence + 1, plugins);
    }
}
