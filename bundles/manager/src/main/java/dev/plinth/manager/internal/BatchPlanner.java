package dev.plinth.manager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;

import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;

/**
 * Plans the install of several archives as one operation: the running plugins that a refresh rebuilds to attach
 * the batch's fragments are stopped, the libraries the archives need and the archives are installed (providers
 * first, so archives may need each other in any order), then, when enabling, the disabled plugins the archives
 * need are started, then the libraries and (when enabling) the archives, providers first, and last the plugins
 * stopped for the fragments. An archive whose
 * requirement nothing installed, nothing in the batch and no library source meets is refused, and so, in turn,
 * are the archives that need it; the others go ahead.
 */
final class BatchPlanner {

    private final Planner planner;
    private final FrameworkAccess framework;
    private final StoreState state;
    private final LibraryFinder libraries;
    private final Instant now;

    BatchPlanner(Planner planner, FrameworkAccess framework, StoreState state, LibraryFinder libraries, Instant now) {
        this.planner = planner;
        this.framework = framework;
        this.state = state;
        this.libraries = libraries;
        this.now = now;
    }

    /** @param archives distinct ids, each installable (checked by the caller) */
    Planner.Batch plan(List<Archive> archives, boolean enable) {
        Map<String, PluginException> refused = new LinkedHashMap<>();
        List<Archive> members = new ArrayList<>();
        Set<Bundle> hosts = new LinkedHashSet<>();
        for (Archive archive : archives) {
            try {
                hosts.addAll(hostsToRefresh(archive, archives));
                members.add(archive);
            } catch (PluginException e) {
                refused.put(archive.id(), e);
            }
        }
        Map<String, String> neededBy = new LinkedHashMap<>();
        List<Archive> needed = librariesFor(members, refused, neededBy);
        List<Archive> ordered = ArchiveOrder.providersFirst(members);
        List<PlannedOperation.Step> steps = new ArrayList<>();
        List<Bundle> attaching = framework.closure(hosts).stream()
                .filter(bundle -> FrameworkAccess.managed(bundle) && FrameworkAccess.active(bundle)).toList();
        for (Bundle stop : Topology.dependentsFirst(attaching)) {
            steps.add(new PlannedOperation.Step(Action.STOP, FrameworkAccess.id(stop), stop.getVersion().toString(),
                    "refreshed to attach fragments", null));
        }
        List<StoredPlugin> libraries = new ArrayList<>();
        for (Archive library : needed) {
            String version = library.version().toString();
            steps.add(new PlannedOperation.Step(Action.ADD_LIBRARY, library.id(), version,
                    "needed by " + neededBy.get(library.id()), library));
            libraries.add(new StoredPlugin(library.id(), version, library.sha256(), library.source(),
                    PluginKind.LIBRARY, true, null, null, null, now));
        }
        StoreState after = state.withAll(libraries);
        for (Archive archive : ordered) {
            steps.add(new PlannedOperation.Step(Action.INSTALL, archive.id(), archive.version().toString(),
                    Fragments.is(archive) ? "fragment of " + Fragments.hostName(archive) : "", archive));
        }
        List<Archive> running = ordered.stream().filter(archive -> !Fragments.is(archive)).toList();
        List<Archive> starting = new ArrayList<>(needed);
        if (enable) {
            after = planner.startProviders(running, new HashSet<>(attaching), steps, after);
            starting.addAll(running);
        }
        for (Archive archive : ArchiveOrder.providersFirst(starting)) {
            steps.add(new PlannedOperation.Step(Action.START, archive.id(), archive.version().toString(),
                    needed.contains(archive) ? "library" : "", null));
        }
        for (Bundle start : Topology.providersFirst(attaching)) {
            steps.add(new PlannedOperation.Step(Action.START, FrameworkAccess.id(start), start.getVersion().toString(),
                    "refreshed to attach fragments", null));
        }
        List<StoredPlugin> installed = new ArrayList<>();
        for (Archive archive : ordered) {
            installed.add(new StoredPlugin(archive.id(), archive.version().toString(), archive.sha256(),
                    archive.source(), PluginKind.PLUGIN, enable || Fragments.is(archive), null, null, null, now));
        }
        after = after.withAll(installed);
        List<String> ids = ordered.stream().map(Archive::id).toList();
        String target = ids.size() == 1 ? ids.get(0) : ids.size() + " plugins";
        String version = ordered.size() == 1 ? ordered.get(0).version().toString() : null;
        return new Planner.Batch(new PlannedOperation(Verb.INSTALL, target, steps, hosts,
                planner.refreshList(hosts, Set.of()), after, null, version), refused);
    }

    /**
     * The libraries the members need, each once; a member with a requirement nothing meets is refused and taken out
     * of {@code members}, and the others are looked at again without it, until none is refused.
     */
    private List<Archive> librariesFor(List<Archive> members, Map<String, PluginException> refused,
            Map<String, String> neededBy) {
        while (true) {
            neededBy.clear();
            CapabilityIndex index = planner.index(bundle -> true);
            for (Archive archive : members) {
                index.add(archive, "plugin " + archive.id());
            }
            List<Archive> needed = new ArrayList<>();
            List<Archive> failing = new ArrayList<>();
            for (Archive archive : members) {
                LibraryFinder.Result found = libraries.find(List.of(LibraryFinder.Need.of(archive)), index,
                        id -> members.stream().anyMatch(member -> member.id().equals(id)) ? "plugin " + id
                                : planner.words(id));
                found.replacements().forEach(Archive::discard);
                if (!found.problems().isEmpty()) {
                    found.libraries().forEach(Archive::discard);
                    refused.put(archive.id(), found.failure());
                    failing.add(archive);
                } else {
                    needed.addAll(found.libraries());
                    found.libraries().forEach(library -> neededBy.put(library.id(),
                            found.neededBy().get(library.id())));
                }
            }
            if (failing.isEmpty()) {
                return needed;
            }
            needed.forEach(Archive::discard);
            members.removeAll(failing);
        }
    }

    /**
     * The hosts a fragment's install refreshes so that it attaches: the managed ones resolved already. None for an
     * archive that is not a fragment, or whose host comes in the same batch. Refused when no host is installed or
     * in the batch, or when a host to refresh is not the manager's.
     */
    private List<Bundle> hostsToRefresh(Archive archive, List<Archive> batch) throws PluginException {
        if (!Fragments.is(archive)) {
            return List.of();
        }
        String hostName = Fragments.hostName(archive);
        if (batch.stream().anyMatch(other -> other.id().equals(hostName) && !Fragments.is(other))) {
            return List.of();
        }
        return planner.hostsToAttach(archive, true);
    }
}
