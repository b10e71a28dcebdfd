package dev.plinth.storage.internal;

import dev.plinth.storage.internal.postgres.PostgresBackend;
import dev.plinth.storage.internal.postgres.PostgresServer;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

import org.osgi.service.jdbc.DataSourceFactory;

/** The backend {@link StorageConfiguration} names: H2 (the default) or PostgreSQL. */
final class BackendSelection {

    private BackendSelection() {
    }

    /**
     * The configured backend.
     *
     * @param postgres the PostgreSQL driver's factory, or null when the driver's bundle is not there
     * @throws IllegalArgumentException in words, when the configuration is wrong or PostgreSQL's driver is missing
     */
    static Backend select(StorageConfiguration config, Path root, DataSourceFactory h2, DataSourceFactory postgres,
            Consumer<String> warn) {
        String backend = config.backend() == null ? StorageConfiguration.H2 : config.backend().strip();
        if (backend.isEmpty() || StorageConfiguration.H2.equals(backend)) {
            return new H2Backend(root, h2, warn);
        }
        if (!StorageConfiguration.POSTGRESQL.equals(backend)) {
            throw new IllegalArgumentException("storage backend " + backend + " of " + StorageConfiguration.PID
                    + " is neither h2 nor postgresql");
        }
        if (postgres == null) {
            throw new IllegalArgumentException("storage backend postgresql needs PostgreSQL's JDBC driver bundle "
                    + "(org.postgresql.jdbc, registering a DataSourceFactory), which is not running");
        }
        PostgresServer server = PostgresServer.of(config.url(), config.host(), config.port(), config.database(),
                config.user(), config._password());
        String bin = config.postgresql_bin();
        try {
            return new PostgresBackend(server, postgres,
                    bin == null || bin.isBlank() ? Optional.empty() : Optional.of(Path.of(bin.strip())),
                    System.getenv("PATH"), warn,
                    Duration.ofSeconds(Math.max(1, config.migration_timeout_seconds())));
        } catch (SQLException e) {
            throw new IllegalArgumentException("storage on PostgreSQL " + server.location() + ": " + e.getMessage(),
                    e);
        }
    }
}
