package dev.plinth.storage.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.plinth.api.storage.StorageInfo.RollbackPoint;

/**
 * What the first upgrade after a start would otherwise pay, done once on a background thread: Flyway's loading and a
 * migration on an H2 file database (H2's file store, opened and closed as a plugin's is), and the JSON of the
 * storage bundle's own files ({@code storage.json}, {@code journal.json}) written and read back. Everything in a
 * temporary directory, deleted at the end; no plugin's data is touched.
 */
final class StorageWarmUp {

    private StorageWarmUp() {
    }

    static void run(FlywayRunner flyway, DataSourceFactory h2) throws SQLException, IOException {
        Path directory = Files.createTempDirectory("plinth-storage-warm-up");
        try {
            Properties properties = new Properties();
            properties.setProperty(DataSourceFactory.JDBC_URL, "jdbc:h2:file:" + directory.resolve("db")
                    + ";MAX_COMPACT_TIME=0");
            properties.setProperty(DataSourceFactory.JDBC_USER, "WARM_UP");
            properties.setProperty(DataSourceFactory.JDBC_PASSWORD, "");
            flyway.warmUp(new Backend.Database(h2.createDataSource(properties), "PUBLIC"));
            StorageFiles files = new StorageFiles(directory);
            String id = "warm.up";
            Files.createDirectories(directory.resolve(id));
            files.write(id, new StorageRecord("h2", "1", "1.0.0", new RollbackPoint("0.9.0", "1.0.0", null,
                    Instant.now(), 0)));
            files.record(id);
            files.write(id, new Journal(Journal.UPGRADE, "0.9.0", "1.0.0", Journal.MIGRATED, null, false));
            files.journal(id);
        } finally {
            try (Stream<Path> all = Files.walk(directory)) {
                for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
