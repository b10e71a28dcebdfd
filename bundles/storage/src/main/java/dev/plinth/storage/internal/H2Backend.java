package dev.plinth.storage.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

import javax.sql.ConnectionPoolDataSource;
import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.osgi.service.jdbc.DataSourceFactory;

import dev.plinth.common.AtomicFiles;

/**
 * Plugins' databases as H2 files: {@code <root>/<id>/db.mv.db}, created by an admin user {@code PLINTH} that the
 * plugin never sees, with a non-admin user {@code APP} owning the schema {@code APP}; both passwords generated and kept
 * owner-only in {@code <root>/<id>/credentials.properties}. The plugin's URL carries {@code IFEXISTS=TRUE}; one anchor
 * connection stays open while the database is in use, so H2 does not close and reopen the file with each connection.
 */
final class H2Backend implements Backend {

    static final String DATABASE_FILE = "db.mv.db";
    static final String CREDENTIALS = "credentials.properties";
    private static final String ADMIN = "PLINTH";
    private static final String USER = "APP";

    private final Path root;
    private final DataSourceFactory factory;
    private final Consumer<String> warnings;
    private final Map<String, Opened> open = new HashMap<>();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param root the directory of every plugin's directory ({@code data/storage})
     * @param factory H2's {@code DataSourceFactory}
     * @param warnings where a failure to close is told
     */
    H2Backend(Path root, DataSourceFactory factory, Consumer<String> warnings) {
        this.root = root.toAbsolutePath().normalize();
        this.factory = factory;
        this.warnings = warnings;
    }

    private record Opened(Database database, JdbcConnectionPool pool, Connection anchor, String url) {
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public boolean rollsBackFailedMigrations() {
        return false;
    }

    Path directory(String pluginId) {
        Path directory = root.resolve(pluginId).normalize();
        if (!directory.getParent().equals(root)) {
            throw new IllegalArgumentException("no database for the id " + pluginId + ": not a symbolic name");
        }
        return directory;
    }

    private Path file(String pluginId) {
        return directory(pluginId).resolve(DATABASE_FILE);
    }

    /**
     * The database's URL. {@code MAX_COMPACT_TIME=0}: H2 closes the file without compacting it (by default it compacts
     * for up to 200 ms with dozens of syncs at each close); a plugin's database is small, and the close still stores
     * and syncs everything, so a copy of the closed file stays exact.
     */
    private String url(String pluginId) {
        return "jdbc:h2:file:" + directory(pluginId).resolve("db") + ";MAX_COMPACT_TIME=0";
    }

    @Override
    public boolean exists(String pluginId) {
        return Files.isRegularFile(file(pluginId)) && Files.isRegularFile(directory(pluginId).resolve(CREDENTIALS));
    }

    @Override
    public synchronized Optional<Database> readOnly(String pluginId) throws SQLException, IOException {
        if (open.containsKey(pluginId) || !exists(pluginId)) {
            return Optional.empty();
        }
        DataSource source = factory.createDataSource(properties(url(pluginId) + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r;"
                + "SCHEMA=" + USER, USER, credentials(pluginId, false).getProperty("app")));
        return Optional.of(new Database(source, USER));
    }

    @Override
    public Optional<String> incomplete(String pluginId) {
        Path directory = directory(pluginId);
        Path credentials = directory.resolve(CREDENTIALS);
        boolean database = Files.isRegularFile(file(pluginId));
        if (database && !Files.isRegularFile(credentials)) {
            return Optional.of("the passwords of " + pluginId + "'s database are missing (" + credentials
                    + "): put back the credentials.properties of the same backup as " + DATABASE_FILE
                    + ", or delete " + directory + " to start without the data");
        }
        if (!database && (Files.isRegularFile(credentials) || Files.isRegularFile(directory.resolve(
                StorageFiles.RECORD)))) {
            return Optional.of("the database file of " + pluginId + " is missing (" + file(pluginId)
                    + "): put back " + DATABASE_FILE + " with the credentials.properties of the same backup, or "
                    + "delete " + directory + " to start without the data");
        }
        return Optional.empty();
    }

    @Override
    public synchronized Database provision(String pluginId) throws SQLException, IOException {
        Opened opened = open.get(pluginId);
        if (opened != null) {
            return opened.database();
        }
        boolean existed = Files.isRegularFile(file(pluginId));
        Properties credentials = credentials(pluginId, !existed);
        String adminUrl = url(pluginId) + (existed ? ";IFEXISTS=TRUE" : "");
        try (Connection admin = connect(adminUrl, ADMIN, credentials.getProperty("admin"))) {
            try (PreparedStatement user = admin.prepareStatement("CREATE USER IF NOT EXISTS " + USER + " PASSWORD ?")) {
                user.setString(1, credentials.getProperty("app"));
                user.execute();
            }
            try (Statement statement = admin.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + USER + " AUTHORIZATION " + USER);
            }
            Database database = open(pluginId);
            OwnerOnly.restrict(directory(pluginId), file(pluginId));
            return database;
        }
    }

    @Override
    public synchronized Database open(String pluginId) throws SQLException, IOException {
        Opened opened = open.get(pluginId);
        if (opened != null) {
            return opened.database();
        }
        if (!exists(pluginId)) {
            throw new SQLException("the database of " + pluginId + " does not exist (" + file(pluginId) + ")");
        }
        Properties credentials = credentials(pluginId, false);
        String url = url(pluginId) + ";IFEXISTS=TRUE;SCHEMA=" + USER;
        ConnectionPoolDataSource source = factory.createConnectionPoolDataSource(properties(url, USER,
                credentials.getProperty("app")));
        JdbcConnectionPool pool = JdbcConnectionPool.create(source);
        Connection anchor;
        try {
            anchor = pool.getConnection();
        } catch (SQLException e) {
            pool.dispose();
            throw e;
        }
        opened = new Opened(new Database(pool, USER), pool, anchor, url(pluginId));
        open.put(pluginId, opened);
        return opened.database();
    }

    @Override
    public synchronized void close(String pluginId) {
        Opened opened = open.remove(pluginId);
        if (opened == null) {
            return;
        }
        try {
            opened.anchor().close();
        } catch (SQLException e) {
            // the pool's connection stays open until the SHUTDOWN below
        }
        try (Connection admin = connect(opened.url() + ";IFEXISTS=TRUE", ADMIN,
                credentials(pluginId, false).getProperty("admin")); Statement statement = admin.createStatement()) {
            statement.execute("SHUTDOWN");
        } catch (SQLException | IOException e) {
            warnings.accept("the database of " + pluginId + " could not be shut down: " + e.getMessage());
        }
        opened.pool().dispose();
    }

    /** Stores and syncs what was committed to the open database ({@code CHECKPOINT SYNC} as the admin user). */
    @Override
    public synchronized void sync(String pluginId) throws SQLException, IOException {
        Opened opened = open.get(pluginId);
        if (opened == null) {
            return;
        }
        try (Connection admin = connect(opened.url() + ";IFEXISTS=TRUE", ADMIN,
                credentials(pluginId, false).getProperty("admin")); Statement statement = admin.createStatement()) {
            statement.execute("CHECKPOINT SYNC");
        }
    }

    @Override
    public void snapshot(String pluginId, Path directory) throws IOException {
        close(pluginId);
        copy(file(pluginId), directory.resolve(DATABASE_FILE));
    }

    @Override
    public void restore(String pluginId, Path directory) throws IOException {
        Path snapshot = directory.resolve(DATABASE_FILE);
        if (!Files.isRegularFile(snapshot)) {
            throw new IOException("no snapshot of " + pluginId + " in " + directory);
        }
        close(pluginId);
        copy(snapshot, file(pluginId));
    }

    /** Copies {@code source} onto {@code target} through a forced temporary file and an atomic rename. */
    static void copy(Path source, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        OwnerOnly.restrict(target.getParent());
        Path temp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
            OwnerOnly.restrict(temp);
            AtomicFiles.force(temp);
            AtomicFiles.move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public long sizeBytes(String pluginId) {
        try {
            return Files.isRegularFile(file(pluginId)) ? Files.size(file(pluginId)) : 0;
        } catch (IOException e) {
            return -1;
        }
    }

    @Override
    public void purge(String pluginId) throws IOException {
        close(pluginId);
        for (String name : List.of(DATABASE_FILE, "db.trace.db", CREDENTIALS)) {
            Files.deleteIfExists(directory(pluginId).resolve(name));
        }
    }

    @Override
    public String location(String pluginId) {
        return directory(pluginId).toString();
    }

    @Override
    public synchronized void close() {
        for (String id : List.copyOf(open.keySet())) {
            close(id);
        }
    }

    private Connection connect(String url, String user, String password) throws SQLException {
        return factory.createDataSource(properties(url, user, password)).getConnection();
    }

    private static Properties properties(String url, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, url);
        properties.setProperty(DataSourceFactory.JDBC_USER, user);
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        return properties;
    }

    /** The plugin's two passwords; generated and written owner-only first when {@code create} and there are none. */
    private Properties credentials(String pluginId, boolean create) throws IOException {
        Path file = directory(pluginId).resolve(CREDENTIALS);
        Properties credentials = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                credentials.load(in);
            }
            if (credentials.getProperty("admin") != null && credentials.getProperty("app") != null) {
                return credentials;
            }
            throw new IOException("the passwords of " + pluginId + "'s database in " + file + " are incomplete");
        }
        if (!create) {
            throw new IOException("the passwords of " + pluginId + "'s database are missing (" + file + ")");
        }
        credentials.setProperty("admin", password());
        credentials.setProperty("app", password());
        StringWriter text = new StringWriter();
        credentials.store(text, "generated passwords of this plugin's H2 database; owner-only");
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1), ownerOnly());
        return credentials;
    }

    private String password() {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static FileAttribute<?>[] ownerOnly() {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rw-------"))};
        }
        return new FileAttribute<?>[0];
    }

}
