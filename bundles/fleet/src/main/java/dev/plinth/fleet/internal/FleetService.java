package dev.plinth.fleet.internal;

import java.util.List;
import java.util.Optional;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Fleet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;

/** {@link Fleet} over the fleet's database: every call is one transaction of a connection of its own. */
final class FleetService implements Fleet {

    /** The most generations {@link #history} returns. */
    static final int HISTORY_LIMIT = 1000;

    private final FleetDatabase database;
    private final FleetSettings settings;
    private final Publisher publisher;
    private final java.util.function.BooleanSupplier contested;

    FleetService(FleetDatabase database, LocalRuntime runtime, FleetSettings settings) {
        this(database, runtime, settings, () -> false);
    }

    /** @param contested whether another runtime holds this node's name, so that this one has not joined */
    FleetService(FleetDatabase database, LocalRuntime runtime, FleetSettings settings,
            java.util.function.BooleanSupplier contested) {
        this.database = database;
        this.settings = settings;
        this.publisher = new Publisher(database, runtime, settings);
        this.contested = contested;
    }

    /** Refuses to write in this node's name while another runtime holds it. */
    private void joined(String what) throws PluginException {
        if (contested.getAsBoolean()) {
            throw new PluginException(PluginException.Code.FLEET_UNAVAILABLE, "another runtime is node "
                    + settings.node() + " of group " + settings.group() + ", so this runtime has not joined and does "
                    + "not " + what + " in its name: give it a node name of its own (node in "
                    + "etc/dev.plinth.fleet.cfg.json)");
        }
    }

    @Override
    public NodeStatus.Identity self() {
        return new NodeStatus.Identity(settings.node(), settings.group());
    }

    @Override
    public Publication publish(PluginSet plugins, Rollout rollout, long basedOn, String by, boolean simulate)
            throws PluginException {
        joined("publish");
        return publisher.publish(plugins, rollout, basedOn, by, simulate);
    }

    @Override
    public Publication rollback(long basedOn, String by, boolean simulate) throws PluginException {
        joined("roll back");
        return publisher.rollback(basedOn, by, simulate);
    }

    @Override
    public FleetStatus status() throws PluginException {
        return database.transaction(c -> {
            Generation current = Generations.latest(c, settings.group()).orElse(null);
            return new FleetStatus(settings.group(), current, statuses(Nodes.all(c, settings.group(),
                    settings.stale()), current));
        });
    }

    @Override
    public List<NodeStatus> nodes() throws PluginException {
        return database.transaction(c -> statuses(Nodes.all(c, settings.group(), settings.stale()),
                Generations.latest(c, settings.group()).orElse(null)));
    }

    @Override
    public List<Generation> history(int limit) throws PluginException {
        if (limit < 1) {
            throw new PluginException(PluginException.Code.INVALID_INPUT, "a history of " + limit
                    + " generations: give at least 1");
        }
        return database.transaction(c -> Generations.history(c, settings.group(), Math.min(limit, HISTORY_LIMIT)));
    }

    @Override
    public Optional<Generation> generation(long number) throws PluginException {
        return database.transaction(c -> Generations.get(c, settings.group(), number));
    }

    @Override
    public void forget(String node) throws PluginException {
        joined("forget nodes");
        if (node == null || !FleetSettings.NAME.matcher(node).matches()) {
            throw new PluginException(PluginException.Code.INVALID_INPUT, "'" + Printable.of(
                    String.valueOf(node)) + "' is not a node name (lower-case letters, digits, '.', '_', '-')");
        }
        database.transaction(c -> {
            NodeRow row = Nodes.all(c, settings.group(), settings.stale()).stream()
                    .filter(n -> n.name().equals(node)).findFirst().orElseThrow(() -> new PluginException(
                            PluginException.Code.NOT_FOUND, "group " + settings.group() + " has no node " + node
                                    + " (fleet:nodes lists them)"));
            if (!row.stale() || !Nodes.forget(c, settings.group(), node, settings.stale())) {
                throw new PluginException(PluginException.Code.BUSY, "node " + node + " of group "
                        + settings.group() + " is live (seen within " + settings.stale().toSeconds() + " s): stop "
                        + "it, or take its etc/dev.plinth.fleet.cfg.json away, and forget it once it is stale");
            }
            return null;
        });
    }

    private List<NodeStatus> statuses(List<NodeRow> rows, Generation current) {
        List<String> canaries = current == null ? List.of() : current.canaries();
        return rows.stream().map(row -> row.status(settings.group(), canaries)).toList();
    }
}
