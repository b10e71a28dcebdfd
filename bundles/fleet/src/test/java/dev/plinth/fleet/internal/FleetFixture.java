package dev.plinth.fleet.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

import dev.plinth.api.fleet.Rollout;
import dev.plinth.common.testing.ThrowawayPostgres;

/**
 * A throwaway server set up as an operator would for a fleet: a role {@code fleet} owning the database {@code fleet},
 * and the driver's DataSourceFactory as the OSGi service would give it. Each test takes a group of its own.
 */
final class FleetFixture implements AutoCloseable {

    static final String USER = "fleet";
    static final String PASSWORD = "fleet-secret-7f3a";
    static final String DATABASE = "fleet";

    private static final AtomicInteger GROUPS = new AtomicInteger();

    final ThrowawayPostgres pg;
    final DataSourceFactory factory = new PGDataSourceFactory();

    FleetFixture() throws SQLException {
        pg = ThrowawayPostgres.start();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
        }
    }

    /** A group no other test uses. */
    static String newGroup() {
        return "g" + GROUPS.incrementAndGet();
    }

    FleetSettings settings(String group, String node) {
        return settings(group, node, Duration.ofSeconds(30), new Rollout("1", 120, false));
    }

    FleetSettings settings(String group, String node, Duration poll, Rollout rollout) {
        return new FleetSettings(pg.jdbcUrl(DATABASE), USER, PASSWORD, group, node, poll, Duration.ofSeconds(30),
                rollout);
    }

    FleetDatabase database(FleetSettings settings) throws SQLException {
        return new FleetDatabase(factory, settings);
    }

    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.superuser(), pg.superuserPassword());
    }

    /** Makes the fleet's database refuse connections and drops those it has: to its nodes it is down. */
    void cutOff() throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false");
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
        }
    }

    /** Undoes {@link #cutOff()}. */
    void reconnect() throws SQLException {
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
        }
    }

    /** Runs SQL as the fleet's owner (to set up a situation). */
    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(DATABASE), USER, PASSWORD);
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        pg.close();
    }

    /** A log that keeps what it is told. */
    static final class Messages implements FleetLog {

        final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        @Override
        public void error(String message) {
            lines.add("ERROR " + message);
        }

        List<String> warnings() {
            synchronized (lines) {
                return lines.stream().filter(l -> l.startsWith("WARN")).toList();
            }
        }
    }

    /** A node of a test: its runtime, its record, its agent. */
    record Node(String name, FakeRuntime runtime, NodeAgent agent, Messages log, Path record) {
    }

    Node node(String group, String name, Path dataDir, FakeRuntime runtime) throws SQLException {
        return node(settings(group, name), dataDir, runtime);
    }

    Node node(FleetSettings settings, Path dataDir, FakeRuntime runtime) throws SQLException {
        Messages log = new Messages();
        Path record = dataDir.resolve(settings.node()).resolve("fleet/node.json");
        NodeAgent agent = new NodeAgent(database(settings), runtime, settings, new LocalRecord(record), log, "test");
        return new Node(settings.node(), runtime, agent, log, record);
    }
}
