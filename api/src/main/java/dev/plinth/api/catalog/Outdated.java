package dev.plinth.api.catalog;

/**
 * An installed plugin for which a catalogue has a newer version this runtime can run.
 *
 * @param id the plugin id
 * @param installed the installed version
 * @param newest the newest version this runtime can run
 * @param pinned whether the plugin is pinned (then {@link Catalog#updateAll} leaves it alone)
 */
public record Outdated(String id, String installed, String newest, boolean pinned) {
}
