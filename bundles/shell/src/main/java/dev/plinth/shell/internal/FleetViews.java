package dev.plinth.shell.internal;

import java.time.Instant;
import java.util.List;

import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;

/** What the {@code fleet:*} commands return, for {@link ShellFormatter} (through {@link FleetText}). */
final class FleetViews {

    /** The words when this runtime is no node of a fleet (no {@code Fleet} service). */
    static final String NOT_A_NODE = "this runtime is not a node of a fleet: etc/dev.plinth.fleet.cfg.json is missing or "
            + "invalid (the log says why)";

    private FleetViews() {
    }

    /**
     * {@code fleet:status}: the group's generation, its rollout and its nodes.
     *
     * @param now when it was read, for the nodes' "last seen ... ago"
     */
    record Status(FleetStatus status, Instant now) {
    }

    /** {@code fleet:nodes}: the group's nodes, read at {@code now}. */
    record Nodes(List<NodeStatus> nodes, Instant now) {

        Nodes {
            nodes = List.copyOf(nodes);
        }
    }

    /** {@code fleet:history}: the group's generations, newest first. */
    record Generations(List<Generation> generations) {

        Generations {
            generations = List.copyOf(generations);
        }
    }

    /** {@code fleet:show N}: one generation with its plugin set. */
    record Shown(Generation generation) {
    }

    /**
     * {@code fleet:publish} and {@code fleet:rollback}: what was written, or in a dry run would be.
     *
     * @param verb {@code publish} or {@code rollback}
     * @param file the plugin set file published, {@code null} for a rollback
     */
    record Published(String verb, String file, Publication publication) {
    }
}
