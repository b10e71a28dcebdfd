package dev.plinth.fleet.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.Rollout;

/**
 * The {@code generation} table: a group's published desired states. A state changes only through a conditional
 * {@code UPDATE} (from the states it may leave), so whichever node evaluates a rule, it happens once.
 */
final class Generations {

    private static final String TABLE = Schema.NAME + ".generation";
    private static final String COLUMNS = "grp, number, published_by, published_at, rollback_of, canaries_spec, "
            + "canary_seconds, auto_rollback, state, reason, canary_nodes, plugins::text, archives::text, "
            + "libraries::text, libraries_by";

    /** The start of the reason given to a generation whose row this node cannot read. */
    static final String UNREADABLE = "unreadable row: ";

    /** How many generations before a halted one {@link #lastGood} looks through for a readable one. */
    private static final int GOOD_CANDIDATES = 20;

    /** States of a generation good to return to: it reached every node and did not halt. */
    private static final String GOOD = "(state IN ('rolling', 'done') OR (state = 'superseded' AND rolled))";

    private Generations() {
    }

    /**
     * The small columns of the group's latest generation, without its set: what a node's idle poll reads.
     *
     * @param number the generation
     * @param state its rollout state, null when the row's state cannot be read
     * @param canaries its canary nodes
     * @param autoRollback whether a halt rolls it back
     * @param canaryMillisLeft for a generation in its canary wave, the milliseconds left to its canaries (by the
     *        database's clock), else 0
     */
    record Head(long number, RolloutState state, List<String> canaries, boolean autoRollback,
            long canaryMillisLeft) {
    }

    static Optional<Head> head(Connection c, String group) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT number, state, canary_nodes, auto_rollback, "
                + "CASE WHEN state = 'canary' THEN (extract(epoch FROM published_at + make_interval(secs => "
                + "canary_seconds) - now()) * 1000)::bigint ELSE 0 END AS canary_left FROM " + TABLE
                + " WHERE grp = ? ORDER BY number DESC LIMIT 1")) {
            s.setString(1, group);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                RolloutState state;
                try {
                    state = state(r.getString("state"));
                } catch (RuntimeException e) {
                    state = null;
                }
                return Optional.of(new Head(r.getLong("number"), state, canaries(r.getArray("canary_nodes")),
                        r.getBoolean("auto_rollback"), r.getLong("canary_left")));
            }
        }
    }

    /** Whether this node could not read {@code g}'s row (its set is then empty: never apply it). */
    static boolean unreadable(Generation g) {
        return g.reason() != null && g.reason().startsWith(UNREADABLE) && g.state() == RolloutState.HALTED
                && g.plugins().plugins().isEmpty();
    }

    static Optional<Generation> latest(Connection c, String group) throws SQLException {
        return first(query(c, "SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE grp = ? ORDER BY number DESC LIMIT 1", group));
    }

    static Optional<Generation> get(Connection c, String group, long number) throws SQLException {
        return first(query(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE grp = ? AND number = ?", group,
                number));
    }

    static List<Generation> history(Connection c, String group, int limit) throws SQLException {
        return query(c, "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE grp = ? ORDER BY number DESC LIMIT ?", group,
                Math.max(0, limit));
    }

    /** The newest generation before {@code before} good to return to: it was rolled to every node, not halted. */
    static Optional<Generation> lastGood(Connection c, String group, long before) throws SQLException {
        List<Long> numbers = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT number FROM " + TABLE + " WHERE grp = ? AND number < ? "
                + "AND " + GOOD + " ORDER BY number DESC LIMIT ?")) {
            s.setString(1, group);
            s.setLong(2, before);
            s.setInt(3, GOOD_CANDIDATES);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    numbers.add(r.getLong(1));
                }
            }
        }
        for (long number : numbers) {
            Optional<Generation> g = get(c, group, number);
            if (g.isPresent() && !unreadable(g.get())) {
                return g;
            }
        }
        return Optional.empty();
    }

    /** Writes a new generation; the primary key refuses a number already taken (SQL state 23505). */
    static void insert(Connection c, Generation g) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (grp, number, published_by, "
                + "rollback_of, canaries_spec, canary_seconds, auto_rollback, state, reason, canary_nodes, rolled, "
                + "plugins, archives) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)")) {
            s.setString(1, g.group());
            s.setLong(2, g.number());
            s.setString(3, g.publishedBy());
            s.setLong(4, g.rollbackOf());
            s.setString(5, g.rollout().canaries());
            s.setInt(6, g.rollout().canarySeconds());
            s.setBoolean(7, g.rollout().autoRollback());
            s.setString(8, label(g.state()));
            s.setString(9, g.reason());
            s.setArray(10, c.createArrayOf("text", g.canaries().toArray()));
            s.setBoolean(11, g.state() == RolloutState.ROLLING);
            s.setString(12, Json.write(g.plugins()));
            s.setString(13, Json.write(g.archives()));
            s.executeUpdate();
        }
    }

    /**
     * Moves generation {@code number} to {@code to} when it is in one of {@code from}; whether it did (false: another
     * node did it first, or it left those states).
     */
    static boolean transition(Connection c, String group, long number, RolloutState to, String reason,
            RolloutState... from) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET state = ?, reason = ?, "
                + "rolled = rolled OR ? WHERE grp = ? AND number = ? AND state = ANY (?)")) {
            s.setString(1, label(to));
            s.setString(2, reason);
            s.setBoolean(3, to == RolloutState.ROLLING);
            s.setString(4, group);
            s.setLong(5, number);
            s.setArray(6, c.createArrayOf("text", Arrays.stream(from).map(Generations::label).toArray()));
            return s.executeUpdate() == 1;
        }
    }

    /** Marks the group's generations before {@code number} still in a wave as superseded. */
    static void supersede(Connection c, String group, long number) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + TABLE + " SET state = 'superseded', reason = ? "
                + "WHERE grp = ? AND number < ? AND state IN ('canary', 'rolling')")) {
            s.setString(1, "generation " + number + " was published before it was done");
            s.setString(2, group);
            s.setLong(3, number);
            s.executeUpdate();
        }
    }

    static String label(RolloutState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    private static RolloutState state(String label) {
        return RolloutState.valueOf(label.toUpperCase(Locale.ROOT));
    }

    private static Optional<Generation> first(List<Generation> rows) {
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private static List<Generation> query(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            List<Generation> rows = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(row(r));
                }
            }
            return rows;
        }
    }

    /**
     * A generation as its row holds it; a row whose state, set or archives this node cannot read is shown halted, its
     * set empty, the reason naming the column (so the tools still list it, and no node applies it).
     */
    private static Generation row(ResultSet r) throws SQLException {
        List<String> nodes = canaries(r.getArray("canary_nodes"));
        Timestamp at = r.getTimestamp("published_at");
        Rollout rollout = new Rollout(r.getString("canaries_spec"), r.getInt("canary_seconds"),
                r.getBoolean("auto_rollback"));
        String column = "state";
        try {
            RolloutState state = state(r.getString("state"));
            column = "plugins";
            PluginSet plugins = Json.readableSet(r.getString("plugins"));
            column = "archives";
            Map<String, String> archives = Json.readableArchives(r.getString("archives"));
            column = "libraries";
            String recorded = r.getString("libraries");
            Map<String, String> libraries = recorded == null ? Map.of() : Json.readableArchives(recorded);
            return new Generation(r.getString("grp"), r.getLong("number"), r.getString("published_by"),
                    at == null ? null : at.toInstant(), r.getLong("rollback_of"), rollout, state,
                    r.getString("reason"), nodes, plugins, archives, libraries, r.getString("libraries_by"));
        } catch (RuntimeException e) {
            return new Generation(r.getString("grp"), r.getLong("number"), r.getString("published_by"),
                    at == null ? null : at.toInstant(), r.getLong("rollback_of"), rollout, RolloutState.HALTED,
                    UNREADABLE + "generation " + r.getLong("number") + "'s " + column + " is "
                            + (column.equals("state") ? "not a rollout state" : e.getMessage())
                            + "; publish a new generation or roll back", nodes, new PluginSet(List.of()), Map.of(), Map.of(),
                    null);
        }
    }

    private static List<String> canaries(Array canaries) throws SQLException {
        return canaries == null ? List.of() : Arrays.stream((Object[]) canaries.getArray())
                .map(String::valueOf).sorted().toList();
    }
}
