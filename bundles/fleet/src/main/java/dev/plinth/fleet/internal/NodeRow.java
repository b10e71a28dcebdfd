package dev.plinth.fleet.internal;

import java.time.Instant;
import java.util.List;

import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.NodeStatus;

/**
 * One node as the {@code node} table holds it.
 *
 * @param name the node's name
 * @param applied the generation it applied last, 0 for none
 * @param target the generation it is to run
 * @param state what it is doing
 * @param drift how its plugins differ from its applied generation
 * @param failure why its last apply failed, or null
 * @param failed the generation that apply was for, 0 for none
 * @param health {@code ok} or what is unhealthy, null before a first look
 * @param current its plugin set as last read
 * @param lastSeen when it last wrote, null when not read from the table
 * @param stale whether it has not been seen for longer than the stale bound
 */
record NodeRow(String name, long applied, long target, NodeStatus.State state, List<String> drift, String failure,
        long failed, String health, PluginSet current, Instant lastSeen, boolean stale) {

    NodeRow {
        drift = drift == null ? List.of() : List.copyOf(drift);
    }

    /** Whether it runs {@code generation} healthy. */
    boolean healthyOn(long generation) {
        return applied == generation && "ok".equals(health);
    }

    NodeStatus status(String group, List<String> canaries) {
        return new NodeStatus(name, group, applied, target, state, canaries.contains(name), drift, failure, health,
                lastSeen, stale);
    }
}
