package dev.plinth.storage.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import dev.plinth.api.storage.StorageInfo.AppliedMigration;

/**
 * Reads Flyway's history table of a plugin ({@code flyway_schema_history} in its schema) directly: cheaper than
 * Flyway's {@code info()}, and no Flyway class is loaded to enable a plugin.
 */
final class HistoryTable {

    static final String TABLE = "flyway_schema_history";

    private HistoryTable() {
    }

    /** The successful versioned migrations, oldest first; none when the table does not exist. */
    static List<AppliedMigration> applied(Backend.Database database) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            if (!exists(connection, database.schema())) {
                return List.of();
            }
            List<AppliedMigration> applied = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT \"version\", \"description\", "
                    + "\"type\", \"checksum\", \"installed_on\", \"execution_time\" FROM \"" + database.schema()
                    + "\".\"" + TABLE + "\" WHERE \"success\" AND \"version\" IS NOT NULL "
                    + "ORDER BY \"installed_rank\""); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    int checksum = rows.getInt(4);
                    Integer boxed = rows.wasNull() ? null : checksum;
                    Timestamp installed = rows.getTimestamp(5);
                    applied.add(new AppliedMigration(rows.getString(1), rows.getString(2), rows.getString(3), boxed,
                            installed == null ? null : installed.toInstant(), rows.getLong(6)));
                }
            }
            applied.sort((a, b) -> MigrationName.compare(a.version(), b.version()));
            return applied;
        }
    }

    /** The newest successfully applied version, or {@code null} when none was. */
    static String version(Backend.Database database) throws SQLException {
        List<AppliedMigration> applied = applied(database);
        return applied.isEmpty() ? null : applied.get(applied.size() - 1).version();
    }

    private static boolean exists(Connection connection, String schema) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, schema, TABLE, null)) {
            return tables.next();
        }
    }
}
