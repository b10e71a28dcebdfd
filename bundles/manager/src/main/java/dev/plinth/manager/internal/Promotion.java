package dev.plinth.manager.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;

import dev.plinth.api.Options;
import dev.plinth.api.Plan.Action;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;

/**
 * Plans the install of a plugin whose id is installed as a library: the library becomes a plugin the operator asked
 * for (a {@link Action#PROMOTE} step). The same archive changes only the store's record; another archive (another
 * version, or other content) is an upgrade of the library, planned as {@link Planner#upgrade} plans one. The promoted
 * plugin stays enabled when the library ran; from then on it follows the rules of plugins (removing it is refused
 * while other plugins need it, unless cascaded).
 */
final class Promotion {

    private final Planner planner;
    private final FrameworkAccess framework;
    private final StoreState state;
    private final Instant now;

    Promotion(Planner planner, FrameworkAccess framework, StoreState state, Instant now) {
        this.planner = planner;
        this.framework = framework;
        this.state = state;
        this.now = now;
    }

    PlannedOperation plan(StoredPlugin library, Archive archive, Options options) throws PluginException {
        String id = library.id();
        String version = archive.version().toString();
        Bundle bundle = framework.bundle(id);
        if (bundle == null) {
            throw new PluginException(PluginException.Code.IO_ERROR, id + " is in the store but not in the "
                    + "framework; restart Plinth to reconcile, or plugin:remove " + id + " to drop its record");
        }
        List<PlannedOperation.Step> steps = new ArrayList<>();
        if (archive.sha256().equals(library.sha256())) {
            steps.add(new PlannedOperation.Step(Action.PROMOTE, id, library.version(), "library until now", archive));
            boolean start = options.enable() && !FrameworkAccess.active(bundle);
            if (start) {
                steps.add(new PlannedOperation.Step(Action.START, id, library.version(), "", null));
            }
            StoreState after = state.with(promoted(library, archive.source(), library.enabled() || start));
            return new PlannedOperation(Verb.INSTALL, id, steps, List.of(), List.of(), after, library.version(),
                    library.version());
        }
        PlannedOperation upgrade = planner.upgrade(id, archive, Verb.INSTALL);
        steps.add(new PlannedOperation.Step(Action.PROMOTE, id, version, "library " + library.version()
                + " until now", null));
        steps.addAll(upgrade.steps());
        StoredPlugin upgraded = upgrade.after().get(id).orElseThrow();
        boolean start = options.enable() && !upgraded.enabled();
        if (start) {
            steps.add(new PlannedOperation.Step(Action.START, id, version, "", null));
        }
        StoreState after = upgrade.after().with(promoted(upgraded, upgraded.source(), upgraded.enabled() || start));
        return new PlannedOperation(Verb.INSTALL, id, steps, upgrade.refreshRoots(), upgrade.refresh(), after,
                library.version(), version);
    }

    /** The record as a plugin's, installed from {@code source}; installed when it was, with its previous version. */
    private StoredPlugin promoted(StoredPlugin record, String source, boolean enabled) {
        return new StoredPlugin(record.id(), record.version(), record.sha256(), source, PluginKind.PLUGIN, enabled,
                record.lastError(), record.previousVersion(), record.previousSha256(),
                record.installedAt() != null ? record.installedAt() : now);
    }
}
