package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import dev.plinth.api.catalog.Change;

/** The {@code report} table: what each node did, the last {@value Schema#REPORTS_KEPT} of a group kept. */
final class Reports {

    private static final String TABLE = Schema.NAME + ".report";

    /** One change as a report holds it. */
    record ChangeLine(String action, String id, String from, String to, String detail) {
        static ChangeLine of(Change change) {
            return new ChangeLine(change.action().label(), change.id(), change.from(), change.to(), change.detail());
        }
    }

    private Reports() {
    }

    static void add(Connection c, String group, String node, long generation, String outcome, List<Change> changes,
            String failure) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + TABLE + " (grp, node, generation, outcome, "
                + "changes, failure) VALUES (?, ?, ?, ?, ?::jsonb, ?)")) {
            s.setString(1, group);
            s.setString(2, node);
            s.setLong(3, generation);
            s.setString(4, outcome);
            s.setString(5, Json.write(changes.stream().map(ChangeLine::of).toList()));
            s.setString(6, failure);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + TABLE + " WHERE grp = ? AND id <= "
                + "(SELECT id FROM " + TABLE + " WHERE grp = ? ORDER BY id DESC OFFSET ? LIMIT 1)")) {
            s.setString(1, group);
            s.setString(2, group);
            s.setInt(3, Schema.REPORTS_KEPT);
            s.executeUpdate();
        }
    }
}
