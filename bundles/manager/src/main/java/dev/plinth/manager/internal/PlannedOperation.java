package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;

import dev.plinth.api.Plan;
import dev.plinth.api.Verb;

/**
 * A plan with what executing it needs: the archives to install, the bundles to refresh and the store state
 * to commit.
 *
 * @param verb the operation
 * @param target the plugin id asked for
 * @param steps the steps, in order
 * @param refreshRoots the bundles whose change makes a refresh necessary (updated or uninstalled ones)
 * @param refresh the refresh blast radius as shown to the operator
 * @param after the store state to commit when the steps succeed
 * @param fromVersion the target's version before
 * @param toVersion the target's version after
 */
record PlannedOperation(Verb verb, String target, List<Step> steps, Collection<Bundle> refreshRoots,
        List<String> refresh, StoreState after, String fromVersion, String toVersion) {

    /**
     * One step.
     *
     * @param action what to do
     * @param id the bundle's id
     * @param version the version acted on
     * @param reason why, in words
     * @param archive the archive to install or update to, else null
     */
    record Step(Plan.Action action, String id, String version, String reason, Archive archive) {
    }

    Plan plan(boolean simulated) {
        List<Plan.Step> view = new ArrayList<>();
        for (Step step : steps) {
            view.add(new Plan.Step(step.action(), step.id(), step.version(), step.reason()));
        }
        return new Plan(verb, target, view, refresh, simulated);
    }

    /** This operation with {@code notes} added to the reasons of the steps that install, update or remove their ids. */
    PlannedOperation withNotes(Map<String, List<String>> notes) {
        List<Step> noted = new ArrayList<>();
        for (Step step : steps) {
            List<String> words = notes.get(step.id());
            boolean changes = step.action() == Plan.Action.INSTALL || step.action() == Plan.Action.UPDATE
                    || step.action() == Plan.Action.ADD_LIBRARY || step.action() == Plan.Action.UNINSTALL;
            if (words == null || !changes) {
                noted.add(step);
            } else {
                String added = String.join("; ", words);
                noted.add(new Step(step.action(), step.id(), step.version(),
                        step.reason() == null || step.reason().isEmpty() ? added : step.reason() + "; " + added,
                        step.archive()));
            }
        }
        return new PlannedOperation(verb, target, noted, refreshRoots, refresh, after, fromVersion, toVersion);
    }

    List<String> touched() {
        return steps.stream().map(Step::id).distinct().toList();
    }

    void discardArchives() {
        steps.stream().map(Step::archive).filter(java.util.Objects::nonNull).forEach(Archive::discard);
    }
}
