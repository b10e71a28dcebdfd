package dev.plinth.api.catalog;

import java.util.List;

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
     */
    public record Member(String id, String version, boolean enabled, boolean pinned) {
    }
}
