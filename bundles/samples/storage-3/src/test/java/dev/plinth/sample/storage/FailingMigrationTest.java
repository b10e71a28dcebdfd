package dev.plinth.sample.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import db.migration.V3__Normalise_titles;

/** Version 3.0.0's migration V4 on H2 over the data of 2.0.0: its first statements succeed, its last fails. */
class FailingMigrationTest {

    @Test
    void v4ChangesTheTableThenFailsOnItsLastStatement() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:mem:notes3;DB_CLOSE_DELAY=0");
                Statement statement = connection.createStatement()) {
            run(statement, "V1__create_notes.sql");
            statement.executeUpdate("INSERT INTO notes (title) VALUES ('alice: buy milk')");
            run(statement, "V2__split_author.sql");
            new V3__Normalise_titles().migrate(connection);

            List<String> v4 = SqlScript.statements("V4__add_tags.sql");
            assertEquals(3, v4.size());
            statement.execute(v4.get(0));
            statement.execute(v4.get(1));
            SQLException failure = assertThrows(SQLException.class, () -> statement.execute(v4.get(2)));

            assertTrue(failure.getMessage().contains("NOTES_ARCHIVE"), failure.getMessage());
            try (ResultSet rows = statement.executeQuery("SELECT title, author, tags FROM notes")) {
                rows.next();
                assertEquals("Buy milk|alice|untagged", rows.getString(1) + "|" + rows.getString(2) + "|"
                        + rows.getString(3));
            }
        }
    }

    private static void run(Statement statement, String file) throws Exception {
        for (String sql : SqlScript.statements(file)) {
            statement.execute(sql);
        }
    }
}
