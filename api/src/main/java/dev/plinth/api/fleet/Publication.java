package dev.plinth.api.fleet;

import java.util.List;

import dev.plinth.api.catalog.Change;

/**
 * What a publish or a rollback wrote, or in a dry run would write.
 *
 * @param generation the generation written (its number is the next one), or in a dry run the one that would be
 * @param basedOn the generation it follows, {@code 0} for none
 * @param simulated whether nothing was written
 * @param plans each node's plan, sorted by node name
 */
public record Publication(Generation generation, long basedOn, boolean simulated, List<NodePlan> plans) {

    public Publication {
        plans = List.copyOf(plans);
    }

    /**
     * What one node would do to reach the generation, from what it last reported running.
     *
     * @param node the node's name
     * @param wave {@code canary} or {@code rest}: when it takes the generation
     * @param changes the changes, in the order a plugin set is applied; empty when it runs the set already
     * @param stale whether the node has not been seen lately (its plan is from its last report)
     */
    public record NodePlan(String node, String wave, List<Change> changes, boolean stale) {

        public NodePlan {
            changes = List.copyOf(changes);
        }
    }
}
