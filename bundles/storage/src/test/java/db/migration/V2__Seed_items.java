package db.migration;

import java.sql.Connection;
import java.sql.Statement;

import dev.plinth.api.storage.Migration;

/** A Java migration of the test plugins: inserts two items. */
public class V2__Seed_items implements Migration {

    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO ITEM(ID, NAME) VALUES (1, 'one'), (2, 'two')");
        }
    }
}
