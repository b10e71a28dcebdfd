package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The fleet's tables in schema {@value #NAME}, created by the first node that connects, under an advisory lock so
 * that nodes starting together do not race; every statement is {@code IF NOT EXISTS}, so a node may run it at each
 * connect. The schema itself is created only when it is missing: a role that owns just the schema, not the database,
 * may not create schemas.
 */
final class Schema {

    /** The schema. */
    static final String NAME = "plinth_fleet";

    /** The channel of the wake-up notifications; the payload is the group. */
    static final String CHANNEL = "plinth_fleet";

    /** The reports kept per group. */
    static final int REPORTS_KEPT = 1000;

    private static final long LOCK = 0x706c696e74686631L;

    private static final String[] STATEMENTS = {
        "CREATE TABLE IF NOT EXISTS " + NAME + ".generation ("
                + " grp text NOT NULL, number bigint NOT NULL, published_by text NOT NULL,"
                + " published_at timestamptz NOT NULL DEFAULT now(), rollback_of bigint NOT NULL DEFAULT 0,"
                + " canaries_spec text NOT NULL, canary_seconds integer NOT NULL, auto_rollback boolean NOT NULL,"
                + " state text NOT NULL, reason text, canary_nodes text[] NOT NULL DEFAULT '{}',"
                + " rolled boolean NOT NULL DEFAULT false,"
                + " plugins jsonb NOT NULL, archives jsonb NOT NULL, libraries jsonb, libraries_by text,"
                + " PRIMARY KEY (grp, number))",
        "CREATE TABLE IF NOT EXISTS " + NAME + ".node ("
                + " grp text NOT NULL, name text NOT NULL, applied bigint NOT NULL DEFAULT 0,"
                + " target bigint NOT NULL DEFAULT 0, state text NOT NULL DEFAULT 'waiting',"
                + " canary boolean NOT NULL DEFAULT false, drift jsonb NOT NULL DEFAULT '[]', failure text,"
                + " failed bigint NOT NULL DEFAULT 0, health text, current jsonb, plinth_version text,"
                + " started_at timestamptz NOT NULL DEFAULT now(), last_seen timestamptz NOT NULL DEFAULT now(),"
                + " instance text, contested_at timestamptz, PRIMARY KEY (grp, name))",
        "CREATE TABLE IF NOT EXISTS " + NAME + ".report ("
                + " id bigserial PRIMARY KEY, grp text NOT NULL, node text NOT NULL, generation bigint NOT NULL,"
                + " at timestamptz NOT NULL DEFAULT now(), outcome text NOT NULL, changes jsonb NOT NULL DEFAULT '[]',"
                + " failure text)",
        "CREATE INDEX IF NOT EXISTS report_grp_id ON " + NAME + ".report (grp, id)",
    };

    private Schema() {
    }

    /**
     * Creates what is missing. When the schema is complete (the newest table is there) nothing else runs: DDL on tables
     * other nodes are using would wait for their locks, and could deadlock with them.
     */
    static void ensure(Connection connection) throws SQLException, dev.plinth.api.PluginException {
        if (complete(connection)) {
            return;
        }
        FleetDatabase.inTransaction(connection, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                if (!exists(c)) {
                    s.execute("CREATE SCHEMA " + NAME);
                }
                for (String statement : STATEMENTS) {
                    s.execute(statement);
                }
            }
            return null;
        });
    }

    private static boolean complete(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM pg_indexes WHERE schemaname = ? AND indexname = ?")) {
            s.setString(1, NAME);
            s.setString(2, "report_grp_id");
            try (var r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Whether the schema is there (created by a node, or by the database's owner for a role owning just it). */
    private static boolean exists(Connection c) throws SQLException {
        try (var s = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            s.setString(1, NAME);
            try (var r = s.executeQuery()) {
                return r.next();
            }
        }
    }

    /** Wakes every node of {@code group} (sent at commit). */
    static void notify(Connection connection, String group) throws SQLException {
        try (var s = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            s.setString(1, CHANNEL);
            s.setString(2, group);
            s.execute();
        }
    }
}
