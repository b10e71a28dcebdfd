package dev.plinth.api.fleet;

import java.time.Instant;
import java.util.List;

/**
 * One node as it last reported itself.
 *
 * @param name the node's name, unique in its group
 * @param group its group
 * @param applied the generation it last applied completely, {@code 0} for none
 * @param target the generation it is to run now (the rollout decides: a node that is not a canary waits)
 * @param state what it is doing
 * @param canary whether it is a canary of the group's current generation
 * @param drift how its plugins differ from its applied generation (such as {@code "x 1.0.0: disabled, wanted
 *        enabled"} or {@code "y 2.0.0: archive differs from the published SHA-256"}), empty when none
 * @param failure why its last apply failed, in words; {@code null} when it did not
 * @param health {@code ok}, or what is unhealthy (a wanted-enabled plugin that is not enabled), {@code null} before
 *        its first apply
 * @param lastSeen when it last wrote to the fleet's database
 * @param stale whether it has not been seen for longer than the stale bound (down, or cut off from the database)
 */
public record NodeStatus(String name, String group, long applied, long target, State state, boolean canary,
        List<String> drift, String failure, String health, Instant lastSeen, boolean stale) {

    public NodeStatus {
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    /** What a node is doing. */
    public enum State {
        /** It runs its target generation, healthy and without drift. */
        CONVERGED,
        /** It is applying its target generation. */
        APPLYING,
        /** It waits for the rollout to reach it (it is not a canary of a generation in its canary wave). */
        WAITING,
        /** Its last apply failed; {@link NodeStatus#failure()} says why. */
        FAILED,
        /** It runs its target generation but its plugins differ from it, or it is unhealthy. */
        DRIFTED;

        /** The lower-case name shown to operators. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * A node's name and group.
     *
     * @param name the node's name
     * @param group its group
     */
    public record Identity(String name, String group) {
    }
}
