package db.migration;

import java.sql.Connection;

import dev.plinth.api.storage.Migration;

/** A Java migration of the test plugins that fails with its own words. */
public class V3__Fail_boom implements Migration {

    @Override
    public void migrate(Connection connection) throws Exception {
        throw new IllegalStateException("boom from java migration");
    }
}
