package dev.plinth.sample.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import db.migration.V3__Normalise_titles;

/** The migrations of version 2.0.0 on H2, in the order Flyway runs them, over the data of version 1.0.0. */
class MigrationsTest {

    private Connection connection;

    @BeforeEach
    void open() throws SQLException {
        connection = DriverManager.getConnection("jdbc:h2:mem:notes2;DB_CLOSE_DELAY=0");
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void theAuthorMovesToItsColumnAndTheTitlesAreTidied() throws Exception {
        run("V1__create_notes.sql");
        try (Statement insert = connection.createStatement()) {
            insert.executeUpdate("INSERT INTO notes (title) VALUES ('alice:  buy   milk'), ('no author here'), "
                    + "('bob:'), (':odd')");
        }

        run("V2__split_author.sql");
        new V3__Normalise_titles().migrate(connection);

        assertEquals(List.of("Buy milk|alice", "No author here|null", "Bob:|null", ":odd|null"), notes());
    }

    @Test
    void version2WritesNewNotesAsItsMigrationsLeaveOldOnes() {
        assertEquals(new Note(0, "Buy milk", "alice"), Titles.split("alice:  buy   milk"));
        assertEquals(new Note(0, "No author", null), Titles.split(" no author "));
        assertEquals(new Note(0, "Bob:", null), Titles.split("bob:"));
    }

    private void run(String file) throws Exception {
        try (Statement statement = connection.createStatement()) {
            for (String sql : SqlScript.statements(file)) {
                statement.execute(sql);
            }
        }
    }

    private List<String> notes() throws SQLException {
        List<String> notes = new ArrayList<>();
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT title, author FROM notes ORDER BY id")) {
            while (rows.next()) {
                notes.add(rows.getString(1) + "|" + rows.getString(2));
            }
        }
        return notes;
    }
}
