package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.storage.internal.postgres.PostgresBackend;
import dev.plinth.storage.internal.postgres.PostgresFixture;
import dev.plinth.storage.internal.postgres.PostgresNames;

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

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import db.migration.V2__Seed_items;

/**
 * The storage service on a real PostgreSQL server (the PostgreSQL backend, Flyway as the service runs it): install,
 * isolation between plugins, upgrade and rollback, a failing migration, crashes, removal and purge.
 */
class PostgresStorageServiceTest {

    private static final String CREATE = "CREATE TABLE ITEM(ID INT PRIMARY KEY, NAME VARCHAR(50));";
    private static final String ADD_NOTE = "ALTER TABLE ITEM ADD NOTE VARCHAR(50); UPDATE ITEM SET NOTE = 'n';";
    private static final AtomicInteger PLUGINS = new AtomicInteger();

    private static PostgresFixture fixture;

    @TempDir
    Path data;
    @TempDir
    Path jars;

    private final Map<String, Bundle> installed = new HashMap<>();
    private final List<String> said = new ArrayList<>();
    private final String id = "pg.plugin" + PLUGINS.incrementAndGet();
    private StorageService storage;

    @BeforeAll
    static void server() throws SQLException {
        fixture = new PostgresFixture();
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @BeforeEach
    void start() throws SQLException {
        storage = service(Optional.of(fixture.pg.binaries()));
    }

    @AfterEach
    void stop() {
        storage.backend().close();
    }

    private StorageService service(Optional<Path> clientPrograms) throws SQLException {
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
        Path root = data.resolve("storage");
        Backend backend = new PostgresBackend(fixture.server, fixture.factory, clientPrograms, null, log::warn);
        return new StorageService(backend, new StorageFiles(root), new FlywayRunner(backend.rollsBackFailedMigrations()),
                id -> Optional.ofNullable(installed.get(id)), log);
    }

    private FakePlugin v1() {
        return v1Like("1.0.0");
    }

    private FakePlugin v2() {
        return v1Like("2.0.0").sql("V3__add_note.sql", ADD_NOTE);
    }

    private FakePlugin v1Like(String version) {
        return new FakePlugin(id, version).sql("V1__create_item.sql", CREATE).javaMigration(V2__Seed_items.class);
    }

    private Bundle install(FakePlugin plugin) throws Exception {
        Bundle bundle = plugin.bundle();
        installed.put(id, bundle);
        storage.install(bundle);
        storage.committed(id);
        return bundle;
    }

    private Bundle upgrade(FakePlugin plugin) throws Exception {
        Bundle bundle = plugin.bundle();
        installed.put(id, bundle);
        storage.upgrade(bundle);
        storage.committed(id);
        return bundle;
    }

    private List<String> query(Bundle bundle, String sql) throws Exception {
        DataSource dataSource = storage.dataSource(bundle);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } finally {
            storage.released(bundle.getSymbolicName());
        }
    }

    private void execute(Bundle bundle, String sql) throws Exception {
        DataSource dataSource = storage.dataSource(bundle);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } finally {
            storage.released(bundle.getSymbolicName());
        }
    }

    private List<String> columns(Bundle bundle) throws Exception {
        return query(bundle, "SELECT column_name FROM information_schema.columns WHERE table_schema = '"
                + PostgresNames.of(id) + "' AND table_name = 'item' ORDER BY ordinal_position");
    }

    @Test
    void installCreatesTheSchemaAndAppliesSqlAndJavaMigrationsAsThePluginsRole() throws Exception {
        Bundle bundle = install(v1());

        assertEquals(List.of("one", "two"), query(bundle, "SELECT name FROM item ORDER BY id"));
        assertEquals(List.of(PostgresNames.of(id)), query(bundle, "SELECT current_user"));
        StorageInfo info = storage.info(id).orElseThrow();
        assertEquals("postgresql", info.backend());
        assertEquals("postgresql://127.0.0.1:" + fixture.pg.port() + "/plinth schema " + PostgresNames.of(id),
                info.location());
        assertEquals("2", info.schemaVersion());
        assertEquals(List.of("SQL", "JDBC"), info.migrations().stream().map(StorageInfo.AppliedMigration::type)
                .toList());
        assertTrue(info.sizeBytes() > 0);
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT tableowner FROM pg_tables WHERE schemaname = '"
                        + PostgresNames.of(id) + "' ORDER BY tablename")) {
            List<String> owners = new ArrayList<>();
            while (r.next()) {
                owners.add(r.getString(1));
            }
            assertEquals(List.of(PostgresNames.of(id), PostgresNames.of(id)), owners,
                    "item and flyway_schema_history belong to the plugin's role");
        }
    }

    @Test
    void onePluginsDataSourceCannotReachAnothersTables() throws Exception {
        Bundle a = install(v1());
        String other = id + ".other";
        Bundle b = new FakePlugin(other, "1.0.0").sql("V1__secret.sql",
                "CREATE TABLE secret(v VARCHAR(20)); INSERT INTO secret VALUES ('b only');").bundle();
        installed.put(other, b);
        storage.install(b);
        storage.committed(other);

        SQLException denied = assertThrows(SQLException.class, () -> query(a, "SELECT v FROM "
                + PostgresNames.identifier(PostgresNames.of(other)) + ".secret"));
        assertTrue(denied.getMessage().contains("permission denied for schema"), denied.getMessage());
        assertEquals(List.of("b only"), query(b, "SELECT v FROM secret"));
    }

    @Test
    void anUpgradeMigratesAfterADumpThatRollbackRestores() throws Exception {
        install(v1());
        List<String> notes;
        try (ArchiveMigrations archive = new ArchiveMigrations(v2().archive(jars))) {
            notes = storage.planUpgrade(id, "2.0.0", archive);
        }
        assertEquals(List.of("storage: migrations: 3 add note [SQL]", "storage: plugin:rollback restores the data "
                + "of before this upgrade; writes made after it are lost"), notes);

        Bundle upgraded = upgrade(v2());
        assertEquals(List.of("id", "name", "note"), columns(upgraded));
        execute(upgraded, "INSERT INTO item(id, name, note) VALUES (3, 'three', 'later')");
        StorageInfo.RollbackPoint point = storage.info(id).orElseThrow().rollbackPoint();
        assertEquals("1.0.0", point.fromVersion());
        assertTrue(point.sizeBytes() > 0);

        Bundle back = v1().bundle();
        installed.put(id, back);
        storage.rollback(back);
        storage.committed(id);

        assertEquals(List.of("id", "name"), columns(back));
        assertEquals(List.of("one", "two"), query(back, "SELECT name FROM item ORDER BY id"));
        assertEquals("2", storage.info(id).orElseThrow().schemaVersion());
    }

    @Test
    void aFailingMigrationLeavesTheDataAndItsVersionExactlyAsBefore() throws Exception {
        Bundle bundle = install(v1());
        FakePlugin broken = v1Like("2.0.0").sql("V3__add_t4.sql", "CREATE TABLE t4(id INT);")
                .sql("V4__breaks.sql", "UPDATE item SET name = 'changed'; INSERT INTO item(id, name) "
                        + "VALUES (1, 'duplicate');");
        installed.put(id, broken.bundle());

        PluginException failure = assertThrows(PluginException.class, () -> storage.upgrade(broken.bundle()));

        assertEquals(Code.MIGRATION_FAILED, failure.code());
        assertTrue(failure.getMessage().contains("V4__breaks"), failure.getMessage());
        assertTrue(failure.getMessage().contains("duplicate key"), failure.getMessage());
        installed.put(id, bundle);
        assertEquals(List.of("one", "two"), query(bundle, "SELECT name FROM item ORDER BY id"));
        assertEquals(List.of(), query(bundle, "SELECT tablename FROM pg_tables WHERE tablename = 't4'"),
                "V3 ran in the same transaction as V4 and is gone with it");
        assertEquals(List.of("1", "2"), query(bundle, "SELECT version FROM flyway_schema_history ORDER BY "
                + "installed_rank"));
        assertEquals("2", storage.info(id).orElseThrow().schemaVersion());
        assertFalse(Files.exists(data.resolve("storage").resolve(id).resolve(StorageFiles.JOURNAL)));
    }

    @Test
    void aCrashAfterTheMigrationRestoresTheOldDataWhenTheOldVersionCameBack() throws Exception {
        Bundle old = install(v1());
        Bundle upgraded = v2().bundle();
        installed.put(id, upgraded);
        storage.upgrade(upgraded);
        storage.backend().close();

        installed.put(id, old);
        storage = service(Optional.of(fixture.pg.binaries()));

        assertEquals(List.of("id", "name"), columns(old));
        assertEquals("2", storage.info(id).orElseThrow().schemaVersion());
        assertNull(storage.info(id).orElseThrow().rollbackPoint());
    }

    @Test
    void aCrashAfterTheMigrationKeepsTheNewDataWhenTheNewVersionStayed() throws Exception {
        install(v1());
        Bundle upgraded = v2().bundle();
        installed.put(id, upgraded);
        storage.upgrade(upgraded);
        storage.backend().close();

        storage = service(Optional.of(fixture.pg.binaries()));

        assertEquals(List.of("id", "name", "note"), columns(upgraded));
        assertEquals("2.0.0", storage.info(id).orElseThrow().rollbackPoint().toVersion());
    }

    @Test
    void aDowngradeIsRefusedNamingBothVersionsAndTheWriter() throws Exception {
        install(v1());
        upgrade(v2());

        PluginException plan = assertThrows(PluginException.class, () -> {
            try (ArchiveMigrations archive = new ArchiveMigrations(v1Like("1.5.0").archive(jars))) {
                storage.planUpgrade(id, "1.5.0", archive);
            }
        });

        assertEquals(Code.INCOMPATIBLE, plan.code());
        assertEquals(id + " 1.5.0 knows schema up to 2, its stored data is at 3 (written by " + id + " 2.0.0): a "
                + "downgrade of its data is refused", plan.getMessage());
    }

    @Test
    void anUpgradeThatMigratesIsRefusedInThePlanWithoutTheClientPrograms(@TempDir Path empty) throws Exception {
        install(v1());
        storage.backend().close();
        storage = service(Optional.of(empty));

        PluginException refusal = assertThrows(PluginException.class, () -> {
            try (ArchiveMigrations archive = new ArchiveMigrations(v2().archive(jars))) {
                storage.planUpgrade(id, "2.0.0", archive);
            }
        });

        assertEquals(Code.MIGRATION_FAILED, refusal.code());
        assertTrue(refusal.getMessage().startsWith(id + " 2.0.0: its data cannot be snapshotted before its "
                + "migrations run: PostgreSQL's client programs pg_dump and pg_restore were not found"),
                refusal.getMessage());
        try (ArchiveMigrations archive = new ArchiveMigrations(v1Like("1.1.0").archive(jars))) {
            assertEquals(List.of("storage: no migration"), storage.planUpgrade(id, "1.1.0", archive));
        }
    }

    @Test
    void aRemovalKeepsTheSchemaForAReinstallUnlessPurged() throws Exception {
        Bundle bundle = install(v1());
        execute(bundle, "INSERT INTO item(id, name) VALUES (3, 'three')");
        installed.remove(id);
        storage.removed(id, false);
        assertTrue(storage.info(id).orElseThrow().kept());

        Bundle again = install(v1());
        assertEquals(List.of("one", "two", "three"), query(again, "SELECT name FROM item ORDER BY id"));

        installed.remove(id);
        assertEquals(Optional.of("storage: data deleted (--purge)"), storage.planRemove(id, true));
        storage.removed(id, true);
        assertEquals(Optional.empty(), storage.info(id));
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM pg_namespace WHERE nspname = '"
                        + PostgresNames.of(id) + "') + (SELECT count(*) FROM pg_roles WHERE rolname = '"
                        + PostgresNames.of(id) + "')")) {
            r.next();
            assertEquals(0, r.getInt(1), "schema and role are gone");
        }
    }
}
