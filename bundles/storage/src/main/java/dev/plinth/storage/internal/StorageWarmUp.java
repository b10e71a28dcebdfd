package dev.plinth.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.h2.jdbcx.JdbcConnectionPool;
import org.osgi.service.jdbc.DataSourceFactory;

import dev.plinth.api.storage.StorageInfo.RollbackPoint;

/**
 * What the first upgrade after a start would otherwise pay, done once on a background thread: Flyway's loading and a
 * migration, a validation and a history read on an H2 file database through a pool (H2's file store, opened,
 * synced and closed as a plugin's is), and the JSON of the
 * storage bundle's own files ({@code storage.json}, {@code journal.json}) written and read back. Everything in a
 * directory of its own, deleted at the end; no plugin's data is touched.
 */
final class StorageWarmUp {

    private StorageWarmUp() {
    }

    /**
     * @param directory the warm-up's own directory (the storage bundle's data area), deleted first when a crash left
     *        it, then again at the end
     */
    static void run(FlywayRunner flyway, DataSourceFactory h2, Path directory) throws SQLException, IOException {
        delete(directory);
        Files.createDirectories(directory);
        try {
            Properties properties = new Properties();
            properties.setProperty(DataSourceFactory.JDBC_URL, "jdbc:h2:file:" + directory.resolve("db")
                    + ";MAX_COMPACT_TIME=0");
            properties.setProperty(DataSourceFactory.JDBC_USER, "WARM_UP");
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, "");
            JdbcConnectionPool pool = JdbcConnectionPool.create(h2.createConnectionPoolDataSource(properties));
            try (Connection anchor = pool.getConnection()) {
                flyway.warmUp(new Backend.Database(pool, "PUBLIC"));
                try (Statement statement = anchor.createStatement()) {
                    statement.execute("CHECKPOINT SYNC");
                    statement.execute("SHUTDOWN");
                }
            } finally {
                pool.dispose();
            }
            StorageFiles files = new StorageFiles(directory);
            String id = "warm.up";
            Files.createDirectories(directory.resolve(id));
            files.write(id, new StorageRecord("h2", "1", "1.0.0", new RollbackPoint("0.9.0", "1.0.0", null,
                    Instant.now(), 0)));
            files.record(id);
            files.write(id, new Journal(Journal.UPGRADE, "0.9.0", "1.0.0", Journal.MIGRATED, null, false));
            files.journal(id);
        } finally {
            delete(directory);
        }
    }

    private static void delete(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> all = Files.walk(directory)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
