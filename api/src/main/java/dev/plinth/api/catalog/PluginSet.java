package dev.plinth.api.catalog;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A managed plugin set: what {@code plugin:export} writes and {@code plugin:apply} converges to.
 *
 * @param plugins the plugins, sorted by id
 */
public record PluginSet(List<Member> plugins) {

    public PluginSet {
        plugins = List.copyOf(plugins);
    }

    /**
     * One plugin of the set.
     *
     * @param id the plugin id
     * @param version its exact version
     * @param enabled whether it is enabled
     * @param pinned whether it is pinned
     * @param settings the settings operators set, by PID ({@code factoryPid~name} for a factory configuration), then
     *        by key: the values as text ({@code $[env:NAME]} and {@code $[secret:NAME]} references as written);
     *        never a secret's value; empty when none
     * @param secrets the secrets ({@code pid/key}) set on the runtime the set comes from, which a runtime applying
     *        the set must be given itself; empty when none
     */
    public record Member(String id, String version, boolean enabled, boolean pinned,
            Map<String, Map<String, List<String>>> settings, List<String> secrets) {

        public Member {
            Map<String, Map<String, List<String>>> copy = new TreeMap<>();
            if (settings != null) {
                settings.forEach((pid, values) -> {
                    Map<String, List<String>> keys = new TreeMap<>();
                    values.forEach((key, texts) -> keys.put(key, List.copyOf(texts)));
                    copy.put(pid, java.util.Collections.unmodifiableMap(keys));
                });
            }
            settings = java.util.Collections.unmodifiableMap(copy);
            secrets = secrets == null ? List.of() : secrets.stream().sorted().toList();
        }

        /** A member with no settings. */
        public Member(String id, String version, boolean enabled, boolean pinned) {
            this(id, version, enabled, pinned, Map.of(), List.of());
        }
    }
}
