package dev.plinth.api;

import java.util.List;

/**
 * What an operation does, step by step. A dry run returns the plan without acting on it; a real run
 * executes the same plan and returns it.
 *
 * @param verb the operation
 * @param target the plugin id it was asked for
 * @param steps the bundle changes, in the order they are made
 * @param refresh the refresh blast radius: bundles whose wiring is rebuilt (id and version each), empty when
 *        nothing is refreshed
 * @param simulated true when nothing was changed (a dry run)
 */
public record Plan(Verb verb, String target, List<Step> steps, List<String> refresh, boolean simulated) {

    public Plan {
        steps = List.copyOf(steps);
        refresh = List.copyOf(refresh);
    }

    /** True when the operation has nothing to do (for example enabling an enabled plugin). */
    public boolean empty() {
        return steps.isEmpty();
    }

    /**
     * One bundle change.
     *
     * @param action what is done
     * @param id the bundle's plugin id
     * @param version the version acted on (for an update: the new version)
     * @param reason why, in words (for example "needed by greeter-en"), or an empty string
     */
    public record Step(Action action, String id, String version, String reason) {
    }

    /** The kinds of bundle change a plan is made of. */
    public enum Action {
        /** Install a plugin the operator asked for. */
        INSTALL,
        /** Install a library that a plugin needs. */
        ADD_LIBRARY,
        /** Replace a bundle's archive with another version. */
        UPDATE,
        /** Start a bundle. */
        START,
        /** Stop a bundle. */
        STOP,
        /** Uninstall a plugin. */
        UNINSTALL,
        /** Uninstall a library no plugin needs any more. */
        DROP_LIBRARY,
        /**
         * Make an installed library a plugin the operator asked for (installing a plugin whose id is installed as a
         * library): the store's record changes, the bundle is untouched unless other steps change it.
         */
        PROMOTE,
        /**
         * Record the operator's wish (enabled or disabled) for a bundle the framework already runs or keeps stopped
         * that way: the store changes, the framework does not.
         */
        RECORD;

        /** The lower-case name shown to operators, with {@code -} for {@code _}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
