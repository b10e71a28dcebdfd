package db.migration;

import java.sql.Connection;
import java.sql.Statement;

import dev.plinth.api.storage.Migration;

/** A Java migration of the test plugins that writes, then hangs until interrupted. */
public class V3__Hang implements Migration {

    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE T3(ID INT)");
        }
        Thread.sleep(120_000);
    }
}
