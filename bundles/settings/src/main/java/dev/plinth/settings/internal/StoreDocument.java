package dev.plinth.settings.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The content of one plugin's settings file, {@code data/settings/<plugin-id>.json}: its configurations by PID
 * ({@code factoryPid~name} for a factory configuration).
 */
record StoreDocument(int format, Map<String, StoredConfiguration> configurations) {

    static final int FORMAT = 1;
    static final StoreDocument EMPTY = new StoreDocument(FORMAT, Map.of());

    StoreDocument {
        Map<String, StoredConfiguration> copy = new TreeMap<>();
        if (configurations != null) {
            configurations.forEach((pid, c) -> copy.put(Objects.requireNonNull(pid), Objects.requireNonNull(c)));
        }
        configurations = java.util.Collections.unmodifiableMap(copy);
    }

    StoredConfiguration configuration(String pid) {
        return configurations.getOrDefault(pid, StoredConfiguration.EMPTY);
    }

    StoreDocument with(String pid, StoredConfiguration configuration) {
        Map<String, StoredConfiguration> copy = new LinkedHashMap<>(configurations);
        if (configuration.isEmpty()) {
            copy.remove(pid);
        } else {
            copy.put(pid, configuration);
        }
        return new StoreDocument(FORMAT, copy);
    }

    boolean isEmpty() {
        return configurations.isEmpty();
    }
}
