package dev.plinth.catalog.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.CatalogEntry;

/** What the catalogues offer, one entry per plugin, with what is installed here. */
final class Listing {

    private final Selection selection;
    private final PluginManager manager;

    Listing(Selection selection, PluginManager manager) {
        this.selection = selection;
        this.manager = manager;
    }

    List<CatalogEntry> entries(String filter) {
        List<String> words = filter == null || filter.isBlank() ? List.of()
                : Arrays.stream(filter.toLowerCase(Locale.ROOT).trim().split("\\s+")).toList();
        TreeSet<String> ids = new TreeSet<>();
        selection.all().forEach(r -> ids.add(r.id()));
        return ids.stream().map(this::entry).filter(entry -> words.stream().allMatch(word -> matches(entry, word)))
                .toList();
    }

    CatalogEntry entry(String id) {
        List<IndexResource> versions = selection.versions(id);
        Optional<IndexResource> compatible = selection.newestCompatible(id);
        IndexResource newest = compatible.orElse(versions.get(0));
        return new CatalogEntry(id, id, newest.description(), compatible.map(r -> r.version().toString()).orElse(null),
                versions.stream().map(r -> r.version().toString()).toList(), newest.catalog(),
                manager.find(id).map(PluginInfo::version).orElse(null),
                newest.runtimeFilter().map(Ranges::describe).orElse(null), newest.commands());
    }

    private static boolean matches(CatalogEntry entry, String word) {
        return entry.id().toLowerCase(Locale.ROOT).contains(word)
                || entry.description().toLowerCase(Locale.ROOT).contains(word)
                || entry.commands().stream().anyMatch(c -> c.toLowerCase(Locale.ROOT).contains(word));
    }
}
