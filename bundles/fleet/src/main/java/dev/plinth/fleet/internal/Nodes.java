package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.plinth.api.fleet.NodeStatus;

/** The {@code node} table: every node of every group as it last reported itself. */
final class Nodes {

    private static final String TABLE = Schema.NAME + ".node";

    private Nodes() {
    }

    /** Adds the node, or marks it started again; its row keeps what it reported before otherwise. */
    static void register(Connection c, String group, NodeRow node, String plinthVersion, Instant startedAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (grp, name, applied, state, "
                + "current, plinth_version, started_at) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (grp, name) "
                + "DO UPDATE SET applied = excluded.applied, current = excluded.current, "
                + "plinth_version = excluded.plinth_version, started_at = excluded.started_at, last_seen = now()")) {
            s.setString(1, group);
            s.setString(2, node.name());
            s.setLong(3, node.applied());
            s.setString(4, label(node.state()));
            s.setString(5, Json.write(node.current()));
            s.setString(6, plinthVersion);
            s.setTimestamp(7, Timestamp.from(startedAt));
            s.executeUpdate();
        }
    }

    /** Writes what the node reports of itself, and that it was seen now. */
    static void write(Connection c, String group, NodeRow node) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET applied = ?, target = ?, state = ?, "
                + "drift = ?::jsonb, failure = ?, failed = ?, health = ?, current = ?::jsonb, last_seen = now() "
                + "WHERE grp = ? AND name = ?")) {
            s.setLong(1, node.applied());
            s.setLong(2, node.target());
            s.setString(3, label(node.state()));
            s.setString(4, Json.write(node.drift()));
            s.setString(5, node.failure());
            s.setLong(6, node.failed());
            s.setString(7, node.health());
            s.setString(8, Json.write(node.current()));
            s.setString(9, group);
            s.setString(10, node.name());
            s.executeUpdate();
        }
    }

    /** Marks which nodes are canaries of the group's latest generation. */
    static void markCanaries(Connection c, String group, List<String> canaries) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET canary = (name = ANY (?)) "
                + "WHERE grp = ?")) {
            s.setArray(1, c.createArrayOf("text", canaries.toArray()));
            s.setString(2, group);
            s.executeUpdate();
        }
    }

    /** The group's nodes sorted by name; stale when not seen for longer than {@code stale}. */
    static List<NodeRow> all(Connection c, String group, Duration stale) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name, applied, target, state, drift::text, failure, "
                + "failed, health, current::text, last_seen, last_seen < now() - make_interval(secs => ?) AS stale "
                + "FROM " + TABLE + " WHERE grp = ? ORDER BY name")) {
            s.setDouble(1, stale.toMillis() / 1000.0);
            s.setString(2, group);
            List<NodeRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new NodeRow(r.getString("name"), r.getLong("applied"), r.getLong("target"),
                            NodeStatus.State.valueOf(r.getString("state").toUpperCase(Locale.ROOT)),
                            Json.strings(r.getString("drift")), r.getString("failure"), r.getLong("failed"),
                            r.getString("health"), Json.set(r.getString("current")),
                            r.getTimestamp("last_seen").toInstant(), r.getBoolean("stale")));
                }
            }
            return rows;
        }
    }

    /** The names of the group's live (not stale) nodes, sorted. */
    static List<String> live(Connection c, String group, Duration stale) throws SQLException {
        return all(c, group, stale).stream().filter(n -> !n.stale()).map(NodeRow::name).toList();
    }

    static String label(NodeStatus.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
