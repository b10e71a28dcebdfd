package db.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import dev.plinth.api.storage.Migration;
import dev.plinth.sample.storage.Titles;

/**
 * The migration V3, in Java: every title tidied as version 2.0.0 writes new ones ({@link Titles#normalised}: blanks
 * collapsed, the first letter in upper case), something a single SQL statement of both H2 and PostgreSQL cannot do.
 */
public final class V3__Normalise_titles implements Migration {

    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement select = connection.createStatement();
                ResultSet rows = select.executeQuery("SELECT id, title FROM notes ORDER BY id");
                PreparedStatement update = connection.prepareStatement("UPDATE notes SET title = ? WHERE id = ?")) {
            while (rows.next()) {
                String title = rows.getString(2);
                String normalised = Titles.normalised(title);
                if (!normalised.equals(title)) {
                    update.setString(1, normalised);
                    update.setInt(2, rows.getInt(1));
                    update.executeUpdate();
                }
            }
        }
    }
}
