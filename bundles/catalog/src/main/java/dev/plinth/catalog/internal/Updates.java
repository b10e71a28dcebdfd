package dev.plinth.catalog.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Version;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.api.Verb;
import dev.plinth.api.catalog.Outdated;

/**
 * Updates installed plugins to the newest version this runtime can run. Each update is the plugin manager's
 * upgrade: atomic, and rolled back (old archive, closure refreshed, states restored) when the new version fails.
 */
final class Updates {

    private final Selection selection;
    private final PluginManager manager;
    private final PinnedPlugins pins;
    private final ArtifactCache cache;
    private final List<String> problems;

    /** @param problems why some catalogues could not be read, for messages */
    Updates(Selection selection, PluginManager manager, PinnedPlugins pins, ArtifactCache cache,
            List<String> problems) {
        this.selection = selection;
        this.problems = List.copyOf(problems);
        this.manager = manager;
        this.pins = pins;
        this.cache = cache;
    }

    List<Outdated> outdated() throws PluginException {
        List<Outdated> outdated = new ArrayList<>();
        Set<String> pinned = pins.ids();
        for (PluginInfo plugin : manager.plugins()) {
            newer(plugin).ifPresent(newest -> outdated.add(new Outdated(plugin.id(), plugin.version(),
                    newest.version().toString(), pinned.contains(plugin.id()))));
        }
        return outdated;
    }

    Plan update(String id, Options options) throws PluginException {
        PluginInfo plugin = PluginLookup.plugin(manager, id, "updated");
        if (pins.isPinned(plugin.id())) {
            throw new PluginException(Code.PINNED, plugin.id() + " is pinned at " + plugin.version()
                    + "; plugin:unpin " + plugin.id() + " first");
        }
        if (selection.versions(plugin.id()).isEmpty()) {
            throw new PluginException(Code.NOT_FOUND, "no catalogue offers " + plugin.id() + ", so it cannot be "
                    + "updated" + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")")
                    + "; plugin:upgrade " + plugin.id() + " <file> upgrades it from an archive");
        }
        Optional<IndexResource> newest = newer(plugin);
        if (newest.isEmpty()) {
            return new Plan(Verb.UPGRADE, plugin.id(), List.of(), List.of(), options.simulate());
        }
        Path archive = new Fetch(cache).withLibraries(selection, newest.get());
        return manager.upgrade(plugin.id(), archive.toUri(), options);
    }

    List<BatchResult> updateAll(Options options) throws PluginException {
        List<BatchResult> results = new ArrayList<>();
        for (Outdated outdated : outdated()) {
            if (outdated.pinned()) {
                continue;
            }
            try {
                update(outdated.id(), options);
                results.add(new BatchResult(outdated.id(), outdated.id(), outdated.newest(), null));
            } catch (PluginException e) {
                results.add(new BatchResult(outdated.id(), outdated.id(), outdated.newest(), e));
            }
        }
        return results;
    }

    private Optional<IndexResource> newer(PluginInfo plugin) {
        Version installed = Version.parseVersion(plugin.version());
        return selection.newestCompatible(plugin.id()).filter(r -> r.version().compareTo(installed) > 0);
    }
}
