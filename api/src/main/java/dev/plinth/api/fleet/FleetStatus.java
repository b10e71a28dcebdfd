package dev.plinth.api.fleet;

import java.util.List;

/**
 * A group's rollout and nodes.
 *
 * @param group the group
 * @param current the group's latest generation (its plugin set included), or {@code null} before the first publish
 * @param nodes every node of the group, sorted by name
 */
public record FleetStatus(String group, Generation current, List<NodeStatus> nodes) {

    public FleetStatus {
        nodes = List.copyOf(nodes);
    }
}
