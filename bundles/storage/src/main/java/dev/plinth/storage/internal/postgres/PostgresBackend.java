package dev.plinth.storage.internal.postgres;

import dev.plinth.storage.internal.Backend;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.h2.jdbcx.JdbcConnectionPool;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * Plugins' databases on the PostgreSQL server the operator configured: a role and a schema of the same name per
 * plugin ({@link PostgresAdmin}), a pool per open plugin ({@link PostgresDataSources}), snapshots with the client
 * programs ({@link PostgresSnapshots}). Several runtimes may share the database: a plugin role's password is derived
 * ({@link RolePasswords}), the same on each, set the first time this backend opens its database (and at each provision)
 * and kept in memory only; and the storage service takes {@link #exclusive(String)}, an advisory lock keyed by the
 * plugin's schema ({@link AdvisoryLocks}), around what changes the schema. Calls on one plugin id are serialised; calls
 * on different ids run side by side.
 */
public final class PostgresBackend implements Backend {

    /** The file a snapshot directory holds. */
    static final String DUMP_FILE = "schema.dump";

    private final PostgresServer server;
    private final Consumer<String> warn;
    private final DataSourceFactory factory;
    private final JdbcConnectionPool adminPool;
    private final PostgresAdmin admin;
    private final AdvisoryLocks locks;
    /** The name of this runtime's plugin connections on the server: {@code plinth-storage <12 hex digits>}. */
    private final String application = "plinth-storage " + HexFormat.of().formatHex(
            randomBytes(6));
    private final Optional<Path> configuredBin;
    private final String path;
    private volatile Optional<PostgresClient> client;
    private final Map<String, Object> monitors = new ConcurrentHashMap<>();
    private final Map<String, Open> open = new ConcurrentHashMap<>();
    private final Map<String, PluginRole> roles = new ConcurrentHashMap<>();
    private volatile boolean locked;
    private volatile boolean snapshotsPossible;

    private record Open(JdbcConnectionPool pool, Database database) {
    }

    /** As the full constructor, waiting at most five minutes (the default migration bound) for a schema's lock. */
    public PostgresBackend(PostgresServer server, DataSourceFactory factory, Optional<Path> configuredBin,
            String path, Consumer<String> warn) throws SQLException {
        this(server, factory, configuredBin, path, warn, Duration.ofMinutes(5));
    }

    /**
     * @param server where the server is and Plinth's role there
     * @param factory the PostgreSQL driver's DataSourceFactory
     * @param configuredBin the folder of pg_dump and pg_restore the operator named, or empty to look for them
     * @param path the {@code PATH} to look in when none is named
     * @param warn where warnings go (the storage bundle's log)
     * @param lockBound how long to wait for a plugin schema's lock that another runtime holds (the migration bound)
     */
    public PostgresBackend(PostgresServer server, DataSourceFactory factory, Optional<Path> configuredBin,
            String path, Consumer<String> warn, Duration lockBound) throws SQLException {
        this.server = server;
        this.warn = warn;
        this.factory = factory;
        this.adminPool = PostgresDataSources.admin(factory, server);
        this.admin = new PostgresAdmin(adminPool, server.password());
        this.locks = new AdvisoryLocks(PostgresDataSources.locks(factory, server), lockBound, server.location());
        this.configuredBin = configuredBin;
        this.path = path;
        this.client = PostgresClient.find(configuredBin, path);
        if (client.isEmpty()) {
            warn.accept(PostgresClient.missing(configuredBin)
                    + ": upgrades that migrate a plugin's data on PostgreSQL are refused until they are found");
        }
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public boolean rollsBackFailedMigrations() {
        return true;
    }

    /**
     * Why no snapshot of a plugin's schema can be taken here (the client programs are missing, or older than the
     * server), or empty when one can. An upgrade that migrates needs one (for {@code plugin:rollback} and crash
     * recovery), so the plan refuses it with these words.
     */
    @Override
    public Optional<String> snapshotProblem() {
        if (snapshotsPossible) {
            return Optional.empty();
        }
        Optional<PostgresClient> found = client();
        if (found.isEmpty()) {
            return Optional.of(PostgresClient.missing(configuredBin));
        }
        try {
            int clientMajor = found.get().majorVersion();
            int serverMajor = serverMajor();
            if (clientMajor < serverMajor) {
                return Optional.of("pg_dump in " + found.get().bin() + " is of PostgreSQL " + clientMajor
                        + ", older than the server's " + serverMajor + ": install postgresql-client " + serverMajor
                        + " or newer and name its folder in postgresql.bin");
            }
        } catch (IOException | SQLException e) {
            return Optional.of("cannot compare the versions of pg_dump and the server: " + e.getMessage());
        }
        snapshotsPossible = true;
        return Optional.empty();
    }

    /** The client programs, looked for again while they are missing (an operator may install them meanwhile). */
    private Optional<PostgresClient> client() {
        Optional<PostgresClient> known = client;
        if (known.isEmpty()) {
            known = PostgresClient.find(configuredBin, path);
            client = known;
        }
        return known;
    }

    @Override
    public boolean exists(String pluginId) throws SQLException {
        return admin.exists(pluginId);
    }

    @Override
    public Exclusive exclusive(String pluginId) throws SQLException {
        return locks.lock(PostgresNames.of(pluginId))::close;
    }

    @Override
    public Database provision(String pluginId) throws SQLException {
        synchronized (lock(pluginId)) {
            Open current = open.get(pluginId);
            if (current != null) {
                return current.database();
            }
            lockDatabaseOnce();
            roles.put(pluginId, admin.provision(pluginId));
            return openPool(pluginId);
        }
    }

    @Override
    public Database open(String pluginId) throws SQLException {
        synchronized (lock(pluginId)) {
            Open current = open.get(pluginId);
            if (current != null) {
                return current.database();
            }
            if (!admin.exists(pluginId)) {
                throw new SQLException("plugin " + pluginId + " has no schema " + PostgresNames.of(pluginId)
                        + " on " + server.location());
            }
            if (!roles.containsKey(pluginId)) {
                lockDatabaseOnce();
                roles.put(pluginId, admin.provision(pluginId));
            }
            return openPool(pluginId);
        }
    }

    private Database openPool(String pluginId) throws SQLException {
        PluginRole role = roles.get(pluginId);
        JdbcConnectionPool pool = PostgresDataSources.plugin(factory, server, role, application);
        Database database = new Database(pool, role.name());
        open.put(pluginId, new Open(pool, database));
        return database;
    }

    @Override
    public void close(String pluginId) {
        synchronized (lock(pluginId)) {
            Open current = open.remove(pluginId);
            if (current != null) {
                try {
                    current.pool().dispose();
                } catch (RuntimeException e) {
                    warn.accept("closing the connections of plugin " + pluginId + " to PostgreSQL failed: "
                            + e.getMessage());
                }
            }
        }
    }

    @Override
    public void snapshot(String pluginId, Path directory) throws SQLException, IOException {
        synchronized (lock(pluginId)) {
            close(pluginId);
            snapshots().snapshot(pluginId, directory.resolve(DUMP_FILE));
        }
    }

    @Override
    public void restore(String pluginId, Path directory) throws SQLException, IOException {
        synchronized (lock(pluginId)) {
            close(pluginId);
            snapshots().restore(pluginId, directory.resolve(DUMP_FILE));
        }
    }

    @Override
    public long sizeBytes(String pluginId) {
        try {
            return admin.size(pluginId);
        } catch (SQLException e) {
            warn.accept("cannot measure the schema of plugin " + pluginId + " on " + server.location() + ": "
                    + e.getMessage());
            return -1;
        }
    }

    @Override
    public void purge(String pluginId) throws SQLException {
        synchronized (lock(pluginId)) {
            close(pluginId);
            roles.remove(pluginId);
            admin.purge(pluginId);
        }
    }

    @Override
    public boolean discard(String pluginId) throws SQLException {
        synchronized (lock(pluginId)) {
            close(pluginId);
            if (admin.otherSessions(pluginId, application) > 0) {
                return false;
            }
            roles.remove(pluginId);
            admin.purge(pluginId);
            return true;
        }
    }

    @Override
    public String location(String pluginId) {
        return "postgresql://" + server.location() + " schema " + PostgresNames.of(pluginId);
    }

    @Override
    public void close() {
        for (String pluginId : open.keySet()) {
            close(pluginId);
        }
        adminPool.dispose();
    }

    private PostgresSnapshots snapshots() throws IOException {
        Optional<PostgresClient> found = client();
        if (found.isEmpty()) {
            throw new IOException(PostgresClient.missing(configuredBin));
        }
        return new PostgresSnapshots(server, admin, found.get());
    }

    private void lockDatabaseOnce() throws SQLException {
        if (!locked) {
            admin.lockDatabase();
            locked = true;
        }
    }

    private int serverMajor() throws SQLException {
        try (Connection c = adminPool.getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SHOW server_version_num")) {
            r.next();
            return Integer.parseInt(r.getString(1)) / 10000;
        }
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private Object lock(String pluginId) {
        return monitors.computeIfAbsent(pluginId, id -> new Object());
    }
}
