package dev.plinth.fleet.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus.State;
import dev.plinth.common.FaultPoints;

/**
 * What a node knows of itself and does in a round: computes its target, applies it when it differs from what the node
 * applied or its plugins drifted (archives and recorded libraries checked first, libraries recorded or checked
 * after: {@link LibraryRecord}), records it in {@code node.json}, reports, and evaluates the
 * rollout rules. A generation whose apply failed is not tried again by this node's run (a failure halts a rollout;
 * a drift is set right once); a restart tries again.
 */
final class Convergence {

    /** Fault point: the apply is done, {@code node.json} not yet written. */
    static final String FAULT_APPLIED = "fleet.applied.unrecorded";

    /** Fault point: {@code node.json} written, the report not yet sent. */
    static final String FAULT_RECORDED = "fleet.recorded.unreported";

    private final LocalRuntime runtime;
    private final FleetSettings settings;
    private final LocalRecord record;
    private final FleetLog log;
    private final RolloutRules rules;

    private long applied;
    private long failed;
    private String failure;
    private long gaveUp;
    private String tried = "";

    Convergence(LocalRuntime runtime, FleetSettings settings, LocalRecord record, FleetLog log) {
        this.runtime = runtime;
        this.settings = settings;
        this.record = record;
        this.log = log;
        this.rules = new RolloutRules(settings.group(), settings.stale(), settings.node());
        this.applied = record.applied(settings.group(), settings.node(), log);
    }

    /** The generation this node applied last. */
    long applied() {
        return applied;
    }

    /**
     * Adds the node to the group or marks it started again, with its plugins as they are; takes back the failure it
     * reported before; reports an apply it recorded but could not report.
     */
    void register(Connection c, String plinthVersion, Instant startedAt) throws SQLException, PluginException {
        NodeRow before = Nodes.all(c, settings.group(), settings.stale()).stream()
                .filter(n -> n.name().equals(settings.node())).findFirst().orElse(null);
        Nodes.register(c, settings.group(), new NodeRow(settings.node(), applied, 0, State.WAITING, List.of(), null,
                0, null, runtime.export(), null, false), plinthVersion, startedAt);
        if (before != null && failed == 0) {
            failed = before.failed();
            failure = before.failure();
        }
        if (before != null && before.applied() < applied) {
            Reports.add(c, settings.group(), settings.node(), applied, "applied-unreported", List.of(), null);
        }
    }

    /** One round on {@code c}: reads the group's generations, applies when due, reports, applies the rules. */
    void round(Connection c) throws SQLException, PluginException {
        Generation latest = Generations.latest(c, settings.group()).orElse(null);
        long fallback = latest == null ? 0
                : Generations.lastGood(c, settings.group(), latest.number()).map(Generation::number).orElse(0L);
        long target = Targets.target(latest, fallback, settings.node(), applied);
        Generation wanted = target == 0 ? null
                : target == latest.number() ? latest : Generations.get(c, settings.group(), target).orElse(null);
        PluginSet current = runtime.export();
        Health health = wanted == null ? null : Health.of(wanted, current, runtime.plugins());
        boolean due = wanted != null && gaveUp != target
                && (applied != target || (!health.clean() && !health.signature().equals(tried)));
        if (due) {
            write(c, latest, target, State.APPLYING, current, health);
            current = apply(c, wanted);
            health = Health.of(wanted, current, runtime.plugins());
            tried = health.clean() ? "" : health.signature();
        }
        write(c, latest, target, state(latest, target, health), current, health);
        FleetDatabase.inTransaction(c, rules::evaluate);
    }

    /** Applies {@code wanted}; reports what happened; returns the plugin set after it. */
    private PluginSet apply(Connection c, Generation wanted) throws SQLException, PluginException {
        List<Change> changes;
        try {
            SetRules.check(wanted.plugins(), runtime, "this node does not apply generation " + wanted.number());
            ArchiveCheck.verify(runtime, wanted);
            LibraryCheck.beforeApply(runtime, wanted);
            changes = runtime.apply(wanted.plugins());
            LibraryRecord.settle(c, settings.node(), wanted, runtime.plugins());
        } catch (PluginException e) {
            failed = wanted.number();
            gaveUp = wanted.number();
            failure = e.code() + ": " + e.getMessage();
            log.warn("generation " + wanted.number() + " of group " + settings.group() + " failed here: " + failure);
            Reports.add(c, settings.group(), settings.node(), wanted.number(), "failed", List.of(), failure);
            return runtime.export();
        }
        FaultPoints.reach(FAULT_APPLIED);
        try {
            record.write(settings.group(), settings.node(), wanted.number());
        } catch (IOException e) {
            log.warn("cannot write " + record.file() + " (" + e.getMessage() + "): after a restart this node applies "
                    + "generation " + wanted.number() + " again");
        }
        FaultPoints.reach(FAULT_RECORDED);
        applied = wanted.number();
        if (wanted.number() >= failed) {
            failed = 0;
            failure = null;
        }
        Reports.add(c, settings.group(), settings.node(), wanted.number(), "applied", changes, null);
        if (!changes.isEmpty()) {
            log.info("applied generation " + wanted.number() + " of group " + settings.group() + ": "
                    + changes.size() + " change(s)");
        }
        return runtime.export();
    }

    private State state(Generation latest, long target, Health health) {
        if (failed != 0 && latest != null && failed == latest.number()) {
            return State.FAILED;
        }
        if (health != null && !health.clean()) {
            return State.DRIFTED;
        }
        return Targets.waiting(latest, target) ? State.WAITING : State.CONVERGED;
    }

    private void write(Connection c, Generation latest, long target, State state, PluginSet current, Health health)
            throws SQLException {
        Nodes.write(c, settings.group(), new NodeRow(settings.node(), applied, target, state,
                health == null ? List.of() : health.drift(), failure, failed, health == null ? null : health.health(),
                current, null, false));
    }
}
