package dev.plinth.settings.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the store keeps for one configuration of a plugin: the values operators set, as the texts they typed
 * (secrets sealed), and the last configuration delivered to the plugin that its metatype accepted (secrets sealed).
 */
record StoredConfiguration(Map<String, List<String>> values, Map<String, StoredValue> lastGood) {

    static final StoredConfiguration EMPTY = new StoredConfiguration(Map.of(), Map.of());

    StoredConfiguration {
        values = copy(values, v -> List.copyOf(v.stream().map(Objects::requireNonNull).toList()));
        lastGood = copy(lastGood, Objects::requireNonNull);
    }

    boolean isEmpty() {
        return values.isEmpty() && lastGood.isEmpty();
    }

    StoredConfiguration withValues(Map<String, List<String>> newValues) {
        return new StoredConfiguration(newValues, lastGood);
    }

    StoredConfiguration withLastGood(Map<String, StoredValue> newLastGood) {
        return new StoredConfiguration(values, newLastGood);
    }

    private static <V> Map<String, V> copy(Map<String, V> map, java.util.function.UnaryOperator<V> check) {
        Map<String, V> copy = new LinkedHashMap<>();
        if (map != null) {
            map.forEach((key, value) -> copy.put(Objects.requireNonNull(key), check.apply(Objects.requireNonNull(value))));
        }
        return java.util.Collections.unmodifiableMap(copy);
    }
}
