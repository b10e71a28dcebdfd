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

import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.NodeStatus;

/** The {@code node} table: every node of every group as it last reported itself. */
final class Nodes {

    private static final String TABLE = Schema.NAME + ".node";

    /** The start of a drift line about what cannot be read of a node's row. */
    static final String UNREADABLE = "unreadable row: ";

    /** The drift line of a node whose name another runtime tried to take within the stale bound. */
    static final String CONTESTED = "another runtime with this node name tried to join the group (give each runtime "
            + "a node name of its own)";

    private Nodes() {
    }

    /**
     * Adds the node as runtime {@code instance}, or marks it started again; its row keeps what it reported before
     * otherwise. Refused (false) while the row belongs to another instance seen within {@code stale}: that one is
     * then marked contested, for the status to show.
     */
    static boolean register(Connection c, String group, NodeRow node, String instance, Duration stale,
            String plinthVersion, Instant startedAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " AS n (grp, name, applied, state, "
                + "current, plinth_version, started_at, instance) VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) "
                + "ON CONFLICT (grp, name) DO UPDATE SET applied = excluded.applied, current = excluded.current, "
                + "plinth_version = excluded.plinth_version, started_at = excluded.started_at, last_seen = now(), "
                + "instance = excluded.instance, contested_at = NULL WHERE n.instance IS NULL "
                + "OR n.instance = excluded.instance OR n.last_seen < now() - make_interval(secs => ?)")) {
            s.setString(1, group);
            s.setString(2, node.name());
            s.setLong(3, node.applied());
            s.setString(4, label(node.state()));
            s.setString(5, Json.write(node.current()));
            s.setString(6, plinthVersion);
            s.setTimestamp(7, Timestamp.from(startedAt));
            s.setString(8, instance);
            s.setDouble(9, stale.toMillis() / 1000.0);
            if (s.executeUpdate() == 1) {
                return true;
            }
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET contested_at = now() "
                + "WHERE grp = ? AND name = ?")) {
            s.setString(1, group);
            s.setString(2, node.name());
            s.executeUpdate();
        }
        return false;
    }

    /** That the node was seen now, and nothing else; false when its row belongs to another instance (or is gone). */
    static boolean heartbeat(Connection c, String group, String name, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET last_seen = now() "
                + "WHERE grp = ? AND name = ? AND instance = ?")) {
            s.setString(1, group);
            s.setString(2, name);
            s.setString(3, instance);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Writes what the node reports of itself, and that it was seen now; false when its row belongs to another instance
     * (or is gone).
     */
    static boolean write(Connection c, String group, NodeRow node, String instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET applied = ?, target = ?, state = ?, "
                + "drift = ?::jsonb, failure = ?, failed = ?, health = ?, current = ?::jsonb, last_seen = now() "
                + "WHERE grp = ? AND name = ? AND instance = ?")) {
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
            s.setString(11, instance);
            return s.executeUpdate() == 1;
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

    /**
     * The group's nodes sorted by name; stale when not seen for longer than {@code stale}. What this node cannot read
     * of a row (its state, drift or plugin set) is shown as a drift line naming the column, the state as drifted.
     */
    static List<NodeRow> all(Connection c, String group, Duration stale) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT name, applied, target, state, drift::text, failure, "
                + "failed, health, current::text, last_seen, last_seen < now() - make_interval(secs => ?) AS stale, "
                + "contested_at > now() - make_interval(secs => ?) AS contested "
                + "FROM " + TABLE + " WHERE grp = ? ORDER BY name")) {
            s.setDouble(1, stale.toMillis() / 1000.0);
            s.setDouble(2, stale.toMillis() / 1000.0);
            s.setString(3, group);
            List<NodeRow> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    private static NodeRow row(ResultSet r) throws SQLException {
        List<String> unreadable = new ArrayList<>();
        NodeStatus.State state;
        try {
            state = NodeStatus.State.valueOf(r.getString("state").toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            state = NodeStatus.State.DRIFTED;
            unreadable.add(UNREADABLE + "state is not a node state");
        }
        List<String> drift;
        try {
            drift = Json.readableStrings(r.getString("drift"));
        } catch (IllegalArgumentException e) {
            drift = List.of();
            unreadable.add(UNREADABLE + "drift is " + e.getMessage());
        }
        PluginSet current;
        try {
            String json = r.getString("current");
            current = json == null ? new PluginSet(List.of()) : Json.readableSet(json);
        } catch (IllegalArgumentException e) {
            current = new PluginSet(List.of());
            unreadable.add(UNREADABLE + "current is " + e.getMessage());
        }
        List<String> lines = new ArrayList<>(unreadable);
        if (!unreadable.isEmpty()) {
            state = NodeStatus.State.DRIFTED;
        }
        lines.addAll(drift);
        if (r.getBoolean("contested")) {
            lines.add(CONTESTED);
        }
        return new NodeRow(r.getString("name"), r.getLong("applied"), r.getLong("target"), state, lines,
                r.getString("failure"), r.getLong("failed"), r.getString("health"), current,
                r.getTimestamp("last_seen").toInstant(), r.getBoolean("stale"));
    }

    /** Deletes the node's row when it is stale; whether it did. */
    static boolean forget(Connection c, String group, String name, Duration stale) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE grp = ? AND name = ? "
                + "AND last_seen < now() - make_interval(secs => ?)")) {
            s.setString(1, group);
            s.setString(2, name);
            s.setDouble(3, stale.toMillis() / 1000.0);
            return s.executeUpdate() == 1;
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
