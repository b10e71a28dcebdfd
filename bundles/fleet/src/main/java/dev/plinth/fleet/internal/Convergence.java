package dev.plinth.fleet.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.NodeStatus.State;
import dev.plinth.common.FaultPoints;
import dev.plinth.common.Sha256;

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

    private final String instance;

    private long applied;
    private long failed;
    private String failure;
    private long gaveUp;
    private String tried = "";
    private boolean joined;
    private volatile boolean refused;
    private NodeRow written;
    private Generation read;
    private long fallback;
    private long fallbackOf = -1;
    private long canaryLeft = -1;
    private String plinthVersion;
    private Instant startedAt;

    Convergence(LocalRuntime runtime, FleetSettings settings, LocalRecord record, FleetLog log) {
        this.runtime = runtime;
        this.settings = settings;
        this.record = record;
        this.log = log;
        this.rules = new RolloutRules(settings.group(), settings.stale(), settings.node());
        this.applied = record.applied(settings.group(), settings.node(), log);
        this.instance = instance(record.file());
    }

    /**
     * Which runtime this is, as the node's row records it: the same for every run of one runtime (its host and the
     * place of its data), so a restart, even after kill -9, takes its row back at once, while another runtime of the
     * same node name (another host, another home) is told apart.
     */
    static String instance(Path record) {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = InetAddress.getLocalHost().getHostName();
            } catch (UnknownHostException e) {
                host = "localhost";
            }
        }
        return Sha256.of((host + "\n" + record.toAbsolutePath().normalize()).getBytes(StandardCharsets.UTF_8))
                .substring(0, 32);
    }

    /** The generation this node applied last. */
    long applied() {
        return applied;
    }

    /**
     * Adds the node to the group or marks it started again, with its plugins as they are; takes back the failure it
     * reported before; reports an apply it recorded but could not report. False, with one ERROR, while another
     * runtime holds the node's row (seen within {@code stale.seconds}): this node then does nothing until it joins.
     */
    boolean register(Connection c, String plinthVersion, Instant startedAt) throws SQLException, PluginException {
        this.plinthVersion = plinthVersion;
        this.startedAt = startedAt;
        NodeRow before = Nodes.all(c, settings.group(), settings.stale()).stream()
                .filter(n -> n.name().equals(settings.node())).findFirst().orElse(null);
        written = null;
        if (!Nodes.register(c, settings.group(), new NodeRow(settings.node(), applied, 0, State.WAITING, List.of(),
                null, 0, null, runtime.export(), null, false), instance, settings.stale(), plinthVersion,
                startedAt)) {
            joined = false;
            if (!refused) {
                refused = true;
                log.error("another runtime is node " + settings.node() + " of group " + settings.group()
                        + " (it wrote its row less than " + settings.stale().toSeconds() + " s ago): this runtime "
                        + "does not join and changes nothing; it tries again every " + settings.poll().toSeconds()
                        + " s and joins once the other has been gone for stale.seconds. Give each runtime a node name "
                        + "of its own (node in etc/dev.plinth.fleet.cfg.json)");
            }
            return false;
        }
        if (refused) {
            refused = false;
            log.info("this runtime joined group " + settings.group() + " as node " + settings.node()
                    + ": the other runtime of that name has gone");
        }
        joined = true;
        if (before != null && failed == 0) {
            failed = before.failed();
            failure = before.failure();
        }
        if (before != null && before.applied() < applied) {
            Reports.add(c, settings.group(), settings.node(), applied, "applied-unreported", List.of(), null);
        }
        return true;
    }

    /** Milliseconds until the canary time limit of the latest generation, or -1 when it is not in a canary wave. */
    long canaryMillisLeft() {
        return canaryLeft;
    }

    /**
     * One round on {@code c}: reads the group's latest generation (its number and state; a set only when this node
     * has not read it yet), applies when due, writes its row (only {@code last_seen} when nothing else changed),
     * applies the rules while a rollout runs. When the rules changed the rollout, a second round shows where this
     * node stands now.
     */
    void round(Connection c) throws SQLException, PluginException {
        if (!joined && !register(c, plinthVersion, startedAt)) {
            return;
        }
        if (roundOnce(c)) {
            roundOnce(c);
        }
    }

    private boolean roundOnce(Connection c) throws SQLException, PluginException {
        Generations.Head head = Generations.head(c, settings.group()).orElse(null);
        canaryLeft = head != null && head.state() == RolloutState.CANARY ? Math.max(0, head.canaryMillisLeft()) : -1;
        long target = target(c, head);
        Generation wanted = target == 0 ? null : generation(c, target);
        PluginSet current = runtime.export();
        if (wanted != null && Generations.unreadable(wanted)) {
            unreadable(wanted);
            return write(c, target, State.FAILED, current, null) && evaluate(c, head);
        }
        Health health = wanted == null ? null : Health.of(wanted, current, runtime.plugins());
        boolean due = wanted != null && gaveUp != target
                && (applied != target || (!health.clean() && !health.signature().equals(tried)));
        if (due) {
            if (!write(c, target, State.APPLYING, current, health)) {
                return false;
            }
            current = apply(c, wanted);
            health = Health.of(wanted, current, runtime.plugins());
            tried = health.clean() ? "" : health.signature();
        }
        return write(c, target, state(head, target, health), current, health) && evaluate(c, head);
    }

    /** The rules, only while the latest generation's rollout can still change (no transaction when idle). */
    private boolean evaluate(Connection c, Generations.Head head) throws SQLException, PluginException {
        boolean open = head != null && (head.state() == RolloutState.CANARY || head.state() == RolloutState.ROLLING
                || head.state() == RolloutState.HALTED && head.autoRollback());
        return open && FleetDatabase.inTransaction(c, rules::evaluate);
    }

    private long target(Connection c, Generations.Head head) throws SQLException {
        if (head == null) {
            return 0;
        }
        RolloutState state = head.state() == null ? RolloutState.HALTED : head.state();
        if (state == RolloutState.ROLLING || state == RolloutState.DONE || applied == head.number()
                || state == RolloutState.CANARY && head.canaries().contains(settings.node())) {
            return head.number();
        }
        if (fallbackOf != head.number()) {
            fallback = Generations.lastGood(c, settings.group(), head.number()).map(Generation::number).orElse(0L);
            fallbackOf = head.number();
        }
        return Targets.target(head.number(), head.state() == null ? RolloutState.HALTED : head.state(),
                head.canaries(), fallback, settings.node(), applied);
    }

    /** Generation {@code number}, read once: a generation's set never changes (an unreadable one is read again). */
    private Generation generation(Connection c, long number) throws SQLException {
        if (read != null && read.number() == number) {
            return read;
        }
        Generation g = Generations.get(c, settings.group(), number).orElse(null);
        read = g == null || Generations.unreadable(g) ? null : g;
        return g;
    }

    /** A generation this node cannot read: it keeps its plugins and reports the failure, naming the row. */
    private void unreadable(Generation g) {
        String why = "generation " + g.number() + " of group " + settings.group() + " cannot be read here ("
                + g.reason().substring(Generations.UNREADABLE.length()) + "): this node keeps its plugins";
        if (!why.equals(failure)) {
            log.error(why);
        }
        failed = g.number();
        failure = why;
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

    /**
     * Failed while its target is the generation it failed (or it has none to run); a node that went back to the last
     * good generation after a halt is converged again, its failure still reported until it applies a newer one.
     */
    private State state(Generations.Head head, long target, Health health) {
        if (failed != 0 && (failed == target || target == 0)) {
            return State.FAILED;
        }
        if (health != null && !health.clean()) {
            return State.DRIFTED;
        }
        return head != null && head.state() == RolloutState.CANARY && target != head.number() ? State.WAITING
                : State.CONVERGED;
    }

    /**
     * Writes the node's row: all of it when something in it changed, else only {@code last_seen}. False, with one
     * ERROR, when another runtime holds the row now: this node stops writing to it and tries to join again.
     */
    private boolean write(Connection c, long target, State state, PluginSet current, Health health)
            throws SQLException {
        NodeRow row = new NodeRow(settings.node(), applied, target, state,
                health == null ? List.of() : health.drift(), failure, failed, health == null ? null : health.health(),
                current, null, false);
        boolean mine = row.equals(written) ? Nodes.heartbeat(c, settings.group(), settings.node(), instance)
                : Nodes.write(c, settings.group(), row, instance);
        if (mine) {
            written = row;
            return true;
        }
        joined = false;
        written = null;
        refused = true;
        log.error("another runtime took over node " + settings.node() + " of group " + settings.group()
                + " (this one was not seen for a while): this runtime stops writing to it and changes nothing; it "
                + "joins again once the other has been gone for stale.seconds. Give each runtime a node name of its "
                + "own (node in etc/dev.plinth.fleet.cfg.json)");
        return false;
    }

    /** Whether another runtime holds this node's name, so that this one has not joined. */
    boolean refused() {
        return refused;
    }
}
