package dev.plinth.api.catalog;

import java.util.List;

/**
 * A plugin a catalogue offers.
 *
 * @param id the plugin id (symbolic name)
 * @param name its human name ({@code Bundle-Name}), or the id
 * @param description its description, or an empty string
 * @param version the newest version this runtime can run, or {@code null} when it can run none
 * @param versions every version offered, newest first
 * @param catalog the catalogue it comes from (its location)
 * @param installed the version installed here, or {@code null}
 * @param runtime the Plinth runtime versions it needs (such as {@code [1.0.0,2.0.0)}), or {@code null}
 * @param commands the shell commands it provides, as {@code scope:function}
 */
public record CatalogEntry(String id, String name, String description, String version, List<String> versions,
        String catalog, String installed, String runtime, List<String> commands) {

    public CatalogEntry {
        versions = List.copyOf(versions);
        commands = List.copyOf(commands);
    }
}
