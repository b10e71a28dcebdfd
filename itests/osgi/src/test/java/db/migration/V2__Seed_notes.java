package db.migration;

import java.sql.Connection;
import java.sql.Statement;

import dev.plinth.api.storage.Migration;

/** The Java migration of StorageIT's plugins: two notes to start with. */
public class V2__Seed_notes implements Migration {

    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO NOTE(ID, TEXT) VALUES (1, 'first'), (2, 'second')");
        }
    }
}
