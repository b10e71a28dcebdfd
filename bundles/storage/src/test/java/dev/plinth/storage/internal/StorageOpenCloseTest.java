package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import db.migration.V2__Seed_items;

/**
 * How often the storage service closes a plugin's H2 database (each close and reopen of the file costs syncs): an
 * operation and an enable share one open, a database no step takes again closes on its own, and what an upgrade
 * migrated is on disk before the service records it as done, though the database stays open.
 */
class StorageOpenCloseTest {

    private static final String ID = "test.a";
    private static final String CREATE = "CREATE TABLE ITEM(ID INT PRIMARY KEY, NAME VARCHAR(50));";
    private static final String ADD_NOTE = "ALTER TABLE ITEM ADD NOTE VARCHAR(50); UPDATE ITEM SET NOTE = 'n';";

    @TempDir
    Path data;
    @TempDir
    Path jars;
    @TempDir
    Path copies;

    private final Map<String, Bundle> installed = new HashMap<>();
    private final AtomicInteger closes = new AtomicInteger();
    private H2Backend h2;
    private StorageService storage;

    @BeforeEach
    void start() {
        Path root = data.resolve("storage");
        List<String> said = new ArrayList<>();
        StorageLog log = new StorageLog() {
            @Override
            public void info(String message) {
                said.add(message);
            }

            @Override
            public void warn(String message) {
                said.add(message);
            }
        };
        h2 = new H2Backend(root, new OsgiDataSourceFactory(new org.h2.Driver()), log::warn);
        storage = new StorageService(new CountingBackend(h2, closes), new StorageFiles(root), new FlywayRunner(false),
                id -> Optional.ofNullable(installed.get(id)), log);
    }

    @AfterEach
    void stop() {
        storage.close();
    }

    private static FakePlugin version(String version, boolean note) {
        FakePlugin plugin = new FakePlugin(ID, version).sql("V1__create_item.sql", CREATE)
                .javaMigration(V2__Seed_items.class);
        return note ? plugin.sql("V3__add_note.sql", ADD_NOTE) : plugin;
    }

    private Bundle installV1() throws Exception {
        Bundle bundle = version("1.0.0", false).bundle();
        installed.put(ID, bundle);
        storage.install(bundle);
        storage.committed(ID);
        return bundle;
    }

    @Test
    void anEnablesCheckAndThePluginsStartShareOneOpen() throws Exception {
        Bundle bundle = installV1();
        closes.set(0);

        storage.checkReady(bundle);
        storage.dataSource(bundle);

        assertEquals(0, closes.get(), "closes between the enable's check and the DataSource");
        storage.released(ID);
        assertEquals(1, closes.get(), "the plugin's stop closes its database");
    }

    @Test
    void anUpgradeClosesItsDatabaseOnlyForTheSnapshot() throws Exception {
        installV1();
        FakePlugin v2 = version("2.0.0", true);
        closes.set(0);

        try (ArchiveMigrations archive = new ArchiveMigrations(v2.archive(jars))) {
            storage.planUpgrade(ID, "2.0.0", archive);
        }
        Bundle bundle = v2.bundle();
        installed.put(ID, bundle);
        storage.upgrade(bundle);
        storage.committed(ID);

        assertEquals(0, closes.get(), "closes by the storage service during plan, upgrade and commit");
        assertEquals("3", storage.info(ID).orElseThrow().schemaVersion());
    }

    @Test
    void aDatabaseNoStepTakesAgainClosesOnItsOwn() throws Exception {
        Bundle bundle = installV1();
        closes.set(0);

        storage.checkReady(bundle);

        long bound = System.nanoTime() + (StorageService.IDLE_CLOSE_MILLIS + 10_000) * 1_000_000;
        while (closes.get() == 0 && System.nanoTime() < bound) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        assertEquals(1, closes.get(), "the database left open by a check closes when idle");
    }

    @Test
    void whatAnUpgradeMigratedIsOnDiskBeforeItIsRecordedThoughTheDatabaseStaysOpen() throws Exception {
        installV1();
        Bundle bundle = version("2.0.0", true).bundle();
        installed.put(ID, bundle);

        storage.upgrade(bundle);

        // the file as a crash at this point would leave it
        Path copy = copies.resolve("crash");
        Files.createDirectories(copy);
        Files.copy(data.resolve("storage").resolve(ID).resolve(H2Backend.DATABASE_FILE),
                copy.resolve(H2Backend.DATABASE_FILE));
        try (Connection connection = new org.h2.Driver().connect("jdbc:h2:file:" + copy.resolve("db")
                + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", credentials()); Statement statement = connection
                .createStatement(); ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM "
                        + "INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'APP' AND TABLE_NAME = 'ITEM' AND "
                        + "COLUMN_NAME = 'NOTE'")) {
            assertTrue(rows.next());
            assertEquals(1, rows.getInt(1), "the migrated column in the file");
        }
        storage.committed(ID);
    }

    private java.util.Properties credentials() throws IOException {
        java.util.Properties stored = new java.util.Properties();
        try (var in = Files.newInputStream(data.resolve("storage").resolve(ID).resolve(H2Backend.CREDENTIALS))) {
            stored.load(in);
        }
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "PLINTH");
        login.setProperty("password", stored.getProperty("admin"));
        return login;
    }

    /** The H2 backend, counting the closes the storage service asks for. */
    private record CountingBackend(H2Backend backend, AtomicInteger closes) implements Backend {

        @Override
        public String name() {
            return backend.name();
        }

        @Override
        public boolean rollsBackFailedMigrations() {
            return backend.rollsBackFailedMigrations();
        }

        @Override
        public boolean exists(String pluginId) {
            return backend.exists(pluginId);
        }

        @Override
        public Database provision(String pluginId) throws SQLException, IOException {
            return backend.provision(pluginId);
        }

        @Override
        public Database open(String pluginId) throws SQLException, IOException {
            return backend.open(pluginId);
        }

        @Override
        public void close(String pluginId) {
            closes.incrementAndGet();
            backend.close(pluginId);
        }

        @Override
        public void sync(String pluginId) throws SQLException, IOException {
            backend.sync(pluginId);
        }

        @Override
        public void snapshot(String pluginId, Path directory) throws SQLException, IOException {
            backend.snapshot(pluginId, directory);
        }

        @Override
        public void restore(String pluginId, Path directory) throws SQLException, IOException {
            backend.restore(pluginId, directory);
        }

        @Override
        public long sizeBytes(String pluginId) {
            return backend.sizeBytes(pluginId);
        }

        @Override
        public void purge(String pluginId) throws SQLException, IOException {
            backend.purge(pluginId);
        }

        @Override
        public String location(String pluginId) {
            return backend.location(pluginId);
        }

        @Override
        public void close() {
            backend.close();
        }
    }
}
