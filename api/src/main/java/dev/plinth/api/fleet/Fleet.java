package dev.plinth.api.fleet;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.PluginSet;

/**
 * This runtime's view of its fleet, registered by {@code dev.plinth.fleet} while this runtime is a node (its
 * configuration, PID {@code dev.plinth.fleet}, is present). Every method reads or writes the fleet's database; when it
 * cannot be reached they fail with {@link PluginException.Code#FLEET_UNAVAILABLE} and change nothing.
 *
 * <p>Publishing and rolling back only write the desired state; every node, this one included, converges on its own
 * through its plugin manager, and reports what it did.
 */
@ProviderType
public interface Fleet {

    /** This node's name and group, from its configuration. */
    NodeStatus.Identity self();

    /**
     * Publishes {@code plugins} as the group's next generation, rolled out as {@code rollout} says. Every version must
     * be offered by this runtime's catalogues: the SHA-256 they give is recorded, and every node installs those bytes
     * only. With {@code simulate} nothing is written and the answer gives each node's plan.
     *
     * @param basedOn the generation the publisher saw (the one the dry run named), or {@code 0} for the current one:
     *        when another generation was published since, the publish is refused with
     *        {@link PluginException.Code#STALE_GENERATION}; so is the later of two publishes made at once
     * @param by who publishes, as shown in the history (such as {@code shell@node-a} or {@code rest:admin@node-a})
     */
    Publication publish(PluginSet plugins, Rollout rollout, long basedOn, String by, boolean simulate)
            throws PluginException;

    /**
     * Republishes the last good generation before the current one (one whose rollout was not halted) as the next
     * generation, to every node at once (no canary wave). Refused with {@link PluginException.Code#NOT_FOUND} when
     * there is none.
     */
    default Publication rollback(String by, boolean simulate) throws PluginException {
        return rollback(0, by, simulate);
    }

    /**
     * {@link #rollback(String, boolean)}, refused with {@link PluginException.Code#STALE_GENERATION} when the current
     * generation is not {@code basedOn} (the one its dry run named): so that two operators, or a second click, do not
     * roll back twice.
     *
     * @param basedOn the generation to roll back, or {@code 0} for the current one
     */
    Publication rollback(long basedOn, String by, boolean simulate) throws PluginException;

    /** The group's desired generation, its rollout and every node's status. */
    FleetStatus status() throws PluginException;

    /** Every node of the group, sorted by name. */
    List<NodeStatus> nodes() throws PluginException;

    /** The group's generations, newest first, at most {@code limit}; their plugin sets included. */
    List<Generation> history(int limit) throws PluginException;

    /** One generation of the group, with its plugin set. */
    Optional<Generation> generation(long number) throws PluginException;

    /**
     * Removes a node that left the group from its status (its row and nothing else). Refused with
     * {@link PluginException.Code#BUSY} while the node is live (seen within {@code stale.seconds}): a live node would
     * only join again; with {@link PluginException.Code#NOT_FOUND} when the group has no such node. A forgotten node
     * that starts again joins as new.
     *
     * @param node the node's name
     */
    void forget(String node) throws PluginException;
}
