package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import dev.plinth.api.PluginException;

/**
 * This node's agent, on one thread ({@value #THREAD}) with one connection that {@code LISTEN}s: it blocks in
 * {@link PGConnection#getNotifications(int)} for up to {@code poll.seconds} (a notification of its group wakes it
 * early), then reads the truth, heartbeats, applies when its target differs from what it applied or its plugins
 * drifted, reports, and evaluates the rollout rules. When the database cannot be reached it says so once, keeps what
 * it runs, tries again every {@code poll.seconds}, and reports when it is back. What a round does is
 * {@link Convergence}'s.
 */
final class NodeAgent {

    static final String THREAD = "plinth-fleet";

    /** How long after a canary time limit the agent wakes to apply it (the database's clock decides). */
    private static final long CANARY_MARGIN_MILLIS = 200;

    private final FleetDatabase database;
    private final FleetSettings settings;
    private final FleetLog log;
    private final String plinthVersion;
    private final Instant startedAt = Instant.now();
    private final Convergence convergence;
    private final Object pause = new Object();

    private volatile boolean running;
    private volatile Connection connection;
    private volatile Thread thread;
    private int backendPid;
    private String lastProblem;
    private boolean cutOff;

    NodeAgent(FleetDatabase database, LocalRuntime runtime, FleetSettings settings, LocalRecord record, FleetLog log,
            String plinthVersion) {
        this.database = database;
        this.settings = settings;
        this.log = log;
        this.plinthVersion = plinthVersion;
        this.convergence = new Convergence(runtime, settings, record, log);
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
        return convergence.applied();
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
            convergence.round(connection);
            lastProblem = null;
            return true;
        } catch (SQLException e) {
            if (!running && thread != null) {
                return false;
            }
            cutOff(e);
            return false;
        } catch (PluginException | RuntimeException e) {
            String problem = Printable.of(e instanceof PluginException p ? p.getMessage()
                    : e.getClass().getSimpleName() + ": " + e.getMessage());
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
            convergence.register(c, plinthVersion, startedAt);
            if (cutOff) {
                Reports.add(c, settings.group(), settings.node(), convergence.applied(), "reconnected",
                        java.util.List.of(), null);
                Schema.notify(c, settings.group());
                log.info("the fleet's database at " + database.location() + " is reachable again; this node kept "
                        + "generation " + convergence.applied() + " while it was cut off and catches up now");
                cutOff = false;
            }
            connection = c;
        } catch (SQLException | PluginException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private void cutOff(SQLException e) {
        close();
        if (!cutOff) {
            cutOff = true;
            log.warn("the fleet's database at " + database.location() + " cannot be reached ("
                    + FleetDatabase.describe(e) + "): this node keeps generation " + convergence.applied()
                    + " and tries again every " + settings.poll().toSeconds() + " s");
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

    /**
     * Blocks until a notification of this group from another connection arrives, or {@code poll.seconds} pass, or the
     * canary time limit of the latest generation comes (so that a late canary halts the rollout on time).
     */
    private void awaitWakeUp() {
        long wait = settings.poll().toNanos();
        long canary;
        synchronized (this) {
            canary = convergence.canaryMillisLeft();
        }
        if (canary >= 0) {
            wait = Math.min(wait, TimeUnit.MILLISECONDS.toNanos(canary + CANARY_MARGIN_MILLIS));
        }
        long deadline = System.nanoTime() + wait;
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

    /** Whether another runtime holds this node's name, so that this one has not joined. */
    boolean contested() {
        return convergence.refused();
    }
}
