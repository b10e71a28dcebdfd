package dev.plinth.catalog.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * Plugins whose new versions need each other move together, in one upgrade. A newer version is offered only when the
 * plugin manager's dry run accepts it (alone or together with the other updates).
 */
final class Updates {

    private record Candidate(PluginInfo plugin, IndexResource newest) {

        String id() {
            return plugin.id();
        }
    }

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
        Set<String> pinned = pins.ids();
        List<Candidate> candidates = candidates();
        Set<String> installable = installable(candidates.stream().filter(c -> !pinned.contains(c.id())).toList());
        List<Outdated> outdated = new ArrayList<>();
        for (Candidate candidate : candidates) {
            boolean isPinned = pinned.contains(candidate.id());
            if (isPinned || installable.contains(candidate.id())) {
                outdated.add(new Outdated(candidate.id(), candidate.plugin().version(),
                        candidate.newest().version().toString(), isPinned));
            }
        }
        return outdated;
    }

    /**
     * Updates the plugin; when its newest version needs another plugin's newer version (or breaks its installed
     * one), the two are updated together.
     */
    Plan update(String id, Options options) throws PluginException {
        PluginInfo plugin = PluginLookup.plugin(manager, id, "updated");
        Set<String> pinned = pins.ids();
        if (pinned.contains(plugin.id())) {
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
        URI archive = new Fetch(cache).withLibraries(selection, newest.get()).toUri();
        PluginException alone = null;
        try {
            manager.upgrade(plugin.id(), archive, options.withSimulate(true));
        } catch (PluginException e) {
            if (e.code() != Code.UNRESOLVED && e.code() != Code.HAS_DEPENDENTS) {
                throw e;
            }
            alone = e;
        }
        if (alone == null) {
            return manager.upgrade(plugin.id(), archive, options);
        }
        for (Candidate partner : candidates()) {
            if (pinned.contains(partner.id()) && alone.getMessage().startsWith("plugin " + partner.id() + " ")) {
                throw new PluginException(Code.PINNED, plugin.id() + " " + newest.get().version() + " needs "
                        + partner.id() + " to change version with it, but " + partner.id() + " is pinned at "
                        + partner.plugin().version() + "; plugin:unpin " + partner.id() + " first (" + alone.getMessage()
                        + ")");
            }
        }
        for (Candidate partner : candidates()) {
            if (partner.id().equals(plugin.id()) || pinned.contains(partner.id())) {
                continue;
            }
            Map<String, URI> together = new LinkedHashMap<>();
            together.put(plugin.id(), archive);
            try {
                together.put(partner.id(), new Fetch(cache).withLibraries(selection, partner.newest()).toUri());
                manager.upgradeTogether(together, options.withSimulate(true));
            } catch (PluginException e) {
                continue;
            }
            return manager.upgradeTogether(together, options);
        }
        throw alone;
    }

    /**
     * Updates every outdated plugin that is not pinned: all together, as one upgrade, when that works; otherwise each
     * on its own (those that can only move together with another then fail with the reason).
     */
    List<BatchResult> updateAll(Options options) throws PluginException {
        List<Outdated> wanted = outdated().stream().filter(outdated -> !outdated.pinned()).toList();
        List<BatchResult> results = new ArrayList<>();
        if (wanted.size() > 1) {
            try {
                Map<String, URI> together = archives(wanted);
                manager.upgradeTogether(together, options);
                wanted.forEach(outdated -> results.add(new BatchResult(outdated.id(), outdated.id(),
                        outdated.newest(), null)));
                return results;
            } catch (PluginException e) {
                results.clear();
            }
        }
        for (Outdated outdated : wanted) {
            try {
                update(outdated.id(), options);
                results.add(new BatchResult(outdated.id(), outdated.id(), outdated.newest(), null));
            } catch (PluginException e) {
                results.add(new BatchResult(outdated.id(), outdated.id(), outdated.newest(), e));
            }
        }
        return results;
    }

    private Map<String, URI> archives(List<Outdated> wanted) throws PluginException {
        Map<String, URI> archives = new LinkedHashMap<>();
        for (Outdated outdated : wanted) {
            IndexResource resource = selection.versions(outdated.id()).stream()
                    .filter(r -> r.version().toString().equals(outdated.newest())).findFirst().orElseThrow();
            archives.put(outdated.id(), new Fetch(cache).withLibraries(selection, resource).toUri());
        }
        return archives;
    }

    private List<Candidate> candidates() {
        List<Candidate> candidates = new ArrayList<>();
        for (PluginInfo plugin : manager.plugins()) {
            newer(plugin).ifPresent(newest -> candidates.add(new Candidate(plugin, newest)));
        }
        return candidates;
    }

    /**
     * The candidates whose newest version the plugin manager's dry run accepts: all together, else each alone, and
     * those refused alone with others.
     */
    private Set<String> installable(List<Candidate> candidates) {
        Map<String, URI> archives = new LinkedHashMap<>();
        for (Candidate candidate : candidates) {
            try {
                archives.put(candidate.id(), new Fetch(cache).withLibraries(selection, candidate.newest()).toUri());
            } catch (PluginException e) {
                // an archive that cannot be fetched or does not match its index is not offered
            }
        }
        if (archives.isEmpty() || acceptable(archives)) {
            return archives.keySet();
        }
        Set<String> accepted = new LinkedHashSet<>();
        Map<String, URI> refused = new LinkedHashMap<>();
        for (Map.Entry<String, URI> archive : archives.entrySet()) {
            if (acceptable(Map.of(archive.getKey(), archive.getValue()))) {
                accepted.add(archive.getKey());
            } else {
                refused.put(archive.getKey(), archive.getValue());
            }
        }
        accepted.addAll(together(refused));
        return accepted;
    }

    /**
     * The candidates that the dry run accepts only with others: in pairs, then all that are left but one (a chain
     * of plugins that move together, beside one that cannot move).
     */
    private Set<String> together(Map<String, URI> refused) {
        Set<String> accepted = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>(refused.keySet());
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                if (!accepted.contains(ids.get(i)) || !accepted.contains(ids.get(j))) {
                    Map<String, URI> pair = new LinkedHashMap<>();
                    pair.put(ids.get(i), refused.get(ids.get(i)));
                    pair.put(ids.get(j), refused.get(ids.get(j)));
                    if (acceptable(pair)) {
                        accepted.addAll(pair.keySet());
                    }
                }
            }
        }
        Map<String, URI> left = new LinkedHashMap<>(refused);
        left.keySet().removeAll(accepted);
        if (left.size() > 2) {
            for (String out : List.copyOf(left.keySet())) {
                Map<String, URI> rest = new LinkedHashMap<>(left);
                rest.remove(out);
                if (acceptable(rest)) {
                    accepted.addAll(rest.keySet());
                    break;
                }
            }
        }
        return accepted;
    }

    private boolean acceptable(Map<String, URI> archives) {
        try {
            manager.upgradeTogether(archives, Options.DEFAULT.withSimulate(true));
            return true;
        } catch (PluginException | RuntimeException e) {
            return false;
        }
    }

    private Optional<IndexResource> newer(PluginInfo plugin) {
        Version installed = Version.parseVersion(plugin.version());
        return selection.newestCompatible(plugin.id()).filter(r -> r.version().compareTo(installed) > 0);
    }
}
