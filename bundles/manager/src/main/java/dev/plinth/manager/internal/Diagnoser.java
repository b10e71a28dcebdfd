package dev.plinth.manager.internal;

import java.util.List;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;

import dev.plinth.api.Diagnosis;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/** Says whether an installed bundle resolves, trying to resolve it first, and if not, why not. */
final class Diagnoser {

    private final FrameworkAccess framework;
    private final Supplier<Planner> planners;

    /** @param planners a planner of the current state, for the explanation */
    Diagnoser(FrameworkAccess framework, Supplier<Planner> planners) {
        this.framework = framework;
        this.planners = planners;
    }

    /** The diagnosis of the bundle {@code id} names, as a plugin id or a symbolic name; on the queue. */
    Diagnosis diagnose(String id) throws PluginException {
        Bundle bundle = framework.bundle(id);
        if (bundle == null) {
            bundle = framework.bySymbolicName(id).orElseThrow(() -> new PluginException(Code.NOT_FOUND,
                    "no plugin " + id + " is installed"));
        }
        if (!FrameworkAccess.resolved(bundle)) {
            framework.resolve(List.of(bundle));
        }
        if (FrameworkAccess.resolved(bundle)) {
            return new Diagnosis(id, bundle.getVersion().toString(), true, List.of());
        }
        return new Diagnosis(id, bundle.getVersion().toString(), false, planners.get().explain(bundle));
    }
}
