package db.migration;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.plinth.api.storage.Migration;

/**
 * A Java migration of the test plugins that adds a column, says it is running ({@link #entered}), then waits for the
 * test to let it finish ({@link #release}): a migration caught in the middle.
 */
public class V3__Gate implements Migration {

    public static volatile CountDownLatch entered = new CountDownLatch(1);
    public static volatile CountDownLatch release = new CountDownLatch(1);

    /** Closes the gate again for the next test. */
    public static void reset() {
        entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    @Override
    public void migrate(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE item ADD note VARCHAR(50)");
        }
        entered.countDown();
        if (!release.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the test did not release the gate");
        }
    }
}
