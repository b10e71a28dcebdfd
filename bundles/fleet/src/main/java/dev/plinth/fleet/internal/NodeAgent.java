package dev.plinth.fleet.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus.State;
import dev.plinth.common.FaultPoints;

/**
 * This node's agent, on one thread ({@value #THREAD}) with one connection that {@code LISTEN}s: it blocks in
 * {@link PGConnection#getNotifications(int)} for up to {@code poll.seconds} (a notification of its group wakes it
 * early), then reads the truth, heartbeats, applies when its target differs from what it applied or its plugins
 * drifted, reports, and evaluates the rollout rules. When the database cannot be reached it says so once, keeps what
 * it runs, tries again every {@code poll.seconds}, and reports when it is back. A generation whose apply failed here
 * is not tried again by this agent (a failure halts a rollout; its drift is set right once); a restart tries again.
 */
final class NodeAgent {

    static final String THREAD = "plinth-fleet";

    /** Fault point: the apply is done, {@code node.json} not yet written. */
    static final String FAULT_APPLIED = "fleet.applied.unrecorded";

    /** Fault point: {@code node.json} written, the report not yet sent. */
    static final String FAULT_RECORDED = "fleet.recorded.unreported";

    private final FleetDatabase database;
    private final LocalRuntime runtime;
    private final FleetSettings settings;
    private final LocalRecord record;
    private final FleetLog log;
    private final String plinthVersion;
    private final Instant startedAt = Instant.now();
    private final RolloutRules rules;
    private final Object pause = new Object();

    private volatile boolean running;
    private volatile Connection connection;
    private volatile Thread thread;
    private int backendPid;
    private long applied;
    private long failed;
    private String failure;
    private long gaveUp;
    private String tried = "";
    private String lastProblem;
    private boolean cutOff;

    NodeAgent(FleetDatabase database, LocalRuntime runtime, FleetSettings settings, LocalRecord record, FleetLog log,
            String plinthVersion) {
        this.database = database;
        this.runtime = runtime;
        this.settings = settings;
        this.record = record;
        this.log = log;
        this.plinthVersion = plinthVersion;
        this.rules = new RolloutRules(settings.group(), settings.stale(), settings.node());
        this.applied = record.applied(settings.group(), settings.node(), log);
    }

    /** Starts the agent's thread. */
    void start() {
        running = true;
        thread = new Thread(this::run, THREAD);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread and closes the connection; waits a bounded time for an apply under way. */
    void stop() {
        running = false;
        Thread t = thread;
        synchronized (pause) {
            pause.notifyAll();
        }
        Connection c = connection;
        if (c != null) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // closed already
            }
        }
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        close();
    }

    /** The generation this node applied last. */
    synchronized long applied() {
        return applied;
    }

    private void run() {
        while (running) {
            if (step()) {
                awaitWakeUp();
            } else {
                pause();
            }
        }
    }

    /**
     * One round: connects when needed, reads, applies, reports. False when the database could not be used (the
     * connection is dropped and the next round connects again).
     */
    synchronized boolean step() {
        try {
            if (connection == null) {
                connect();
            }
            round();
            lastProblem = null;
            return true;
        } catch (SQLException e) {
            if (!running && thread != null) {
                return false;
            }
            cutOff(e);
            return false;
        } catch (PluginException | RuntimeException e) {
            String problem = e instanceof PluginException p ? p.getMessage() : e.toString();
            if (!problem.equals(lastProblem)) {
                log.warn("the fleet agent could not finish a round (it tries again in "
                        + settings.poll().toSeconds() + " s): " + problem);
                lastProblem = problem;
            }
            return connection != null;
        }
    }

    private void connect() throws SQLException, PluginException {
        Connection c = database.connect();
        try {
            Schema.ensure(c);
            try (Statement s = c.createStatement()) {
                s.execute("LISTEN " + Schema.CHANNEL);
            }
            backendPid = c.unwrap(PGConnection.class).getBackendPID();
            NodeRow before = Nodes.all(c, settings.group(), settings.stale()).stream()
                    .filter(n -> n.name().equals(settings.node())).findFirst().orElse(null);
            PluginSet current = runtime.export();
            Nodes.register(c, settings.group(), new NodeRow(settings.node(), applied, 0, State.WAITING, List.of(),
                    null, 0, null, current, null, false), plinthVersion, startedAt);
            if (before != null && failed == 0) {
                failed = before.failed();
                failure = before.failure();
            }
            if (before != null && before.applied() < applied) {
                Reports.add(c, settings.group(), settings.node(), applied, "applied-before-restart", List.of(), null);
            }
            if (cutOff) {
                Reports.add(c, settings.group(), settings.node(), applied, "reconnected", List.of(), null);
                Schema.notify(c, settings.group());
                log.info("the fleet's database at " + database.location() + " is reachable again; this node kept "
                        + "generation " + applied + " while it was cut off and catches up now");
                cutOff = false;
            }
            connection = c;
        } catch (SQLException | PluginException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void round() throws SQLException, PluginException {
        Connection c = connection;
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
        if (due) {
            Schema.notify(c, settings.group());
        }
        FleetDatabase.inTransaction(c, rules::evaluate);
    }

    /** Applies {@code wanted}; reports what happened; returns the plugin set after it. */
    private PluginSet apply(Connection c, Generation wanted) throws SQLException, PluginException {
        List<Change> changes;
        try {
            verify(wanted);
            changes = runtime.apply(wanted.plugins());
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

    /** Refuses a generation whose archives the catalogues here give with another SHA-256 than published. */
    private void verify(Generation wanted) throws PluginException {
        for (PluginSet.Member member : wanted.plugins().plugins()) {
            String published = wanted.archives().get(member.id());
            String here = runtime.sha256(member.id(), member.version()).orElse(null);
            if (here == null) {
                throw new PluginException(PluginException.Code.NOT_FOUND, "no catalogue of this node offers "
                        + member.id() + " " + member.version());
            }
            if (published == null || !published.equalsIgnoreCase(here)) {
                throw new PluginException(PluginException.Code.CHECKSUM_MISMATCH, member.id() + " "
                        + member.version() + ": the catalogues of this node give SHA-256 " + here + ", generation "
                        + wanted.number() + " was published with " + published);
            }
        }
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
        if (state == State.APPLYING) {
            Schema.notify(c, settings.group());
        }
    }

    private void cutOff(SQLException e) {
        close();
        if (!cutOff) {
            cutOff = true;
            log.warn("the fleet's database at " + database.location() + " cannot be reached ("
                    + FleetDatabase.describe(e) + "): this node keeps generation " + applied + " and tries again "
                    + "every " + settings.poll().toSeconds() + " s");
        }
    }

    private void close() {
        Connection c = connection;
        connection = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // gone already
            }
        }
    }

    /** Blocks until a notification of this group from another connection arrives, or {@code poll.seconds} pass. */
    private void awaitWakeUp() {
        long deadline = System.nanoTime() + settings.poll().toNanos();
        try {
            while (running) {
                Connection c = connection;
                if (c == null) {
                    return;
                }
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                PGNotification[] notifications = c.unwrap(PGConnection.class).getNotifications((int) left);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        if (n.getPID() != backendPid && settings.group().equals(n.getParameter())) {
                            return;
                        }
                    }
                }
            }
        } catch (SQLException e) {
            if (running) {
                synchronized (this) {
                    cutOff(e);
                }
            }
        }
    }

    private void pause() {
        synchronized (pause) {
            if (running) {
                try {
                    pause.wait(settings.poll().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }
}
