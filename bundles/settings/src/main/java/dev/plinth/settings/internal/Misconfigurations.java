package dev.plinth.settings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The plugins whose delivered configuration was refused and who run on their last good one: per plugin and PID, the
 * reasons (each naming the PID and key, never a value).
 */
final class Misconfigurations {

    private final Map<String, Map<String, List<String>>> problems = new ConcurrentHashMap<>();

    void record(String pluginId, String pid, List<String> reasons) {
        problems.computeIfAbsent(pluginId, id -> new ConcurrentHashMap<>()).put(pid, List.copyOf(reasons));
    }

    void clear(String pluginId, String pid) {
        Map<String, List<String>> ofPlugin = problems.get(pluginId);
        if (ofPlugin != null) {
            ofPlugin.remove(pid);
        }
    }

    void forget(String pluginId) {
        problems.remove(pluginId);
    }

    /** The problems of every misconfigured plugin, by plugin id, each sorted by PID. */
    Map<String, List<String>> all() {
        Map<String, List<String>> all = new TreeMap<>();
        for (String pluginId : problems.keySet()) {
            List<String> lines = of(pluginId);
            if (!lines.isEmpty()) {
                all.put(pluginId, lines);
            }
        }
        return all;
    }

    /** A plugin's problems, sorted by PID; empty when it is configured as stored. */
    List<String> of(String pluginId) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(problems.getOrDefault(pluginId, Map.of())).values().forEach(lines::addAll);
        return lines.stream().distinct().toList();
    }

    /**
     * A plugin's problems but those of its start ({@link RequiredWithoutValue}), which a view of its settings works out
     * again from what is stored now.
     */
    List<String> ofDeliveries(String pluginId) {
        List<String> lines = new ArrayList<>();
        new TreeMap<>(problems.getOrDefault(pluginId, Map.of())).forEach((pid, reasons) -> {
            if (!pid.endsWith(RequiredWithoutValue.SUFFIX)) {
                lines.addAll(reasons);
            }
        });
        return lines.stream().distinct().toList();
    }
}
