package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.util.OsgiDataSourceFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import db.migration.V2__Seed_items;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.api.storage.StorageInfo;

/** The storage service on real H2 files, without a framework: install, upgrade, failure, rollback, crash, removal. */
class StorageServiceTest {

    private static final String ID = "test.a";
    private static final String CREATE = "CREATE TABLE ITEM(ID INT PRIMARY KEY, NAME VARCHAR(50));";
    private static final String ADD_NOTE = "ALTER TABLE ITEM ADD NOTE VARCHAR(50); UPDATE ITEM SET NOTE = 'n';";

    @TempDir
    Path data;
    @TempDir
    Path jars;

    private final Map<String, Bundle> installed = new HashMap<>();
    private final List<String> said = new ArrayList<>();
    private StorageService storage;

    @BeforeEach
    void start() {
        storage = service();
    }

    @AfterEach
    void stop() {
        storage.backend().close();
    }

    private StorageService service() {
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
        return new StorageService(new H2Backend(root, new OsgiDataSourceFactory(new org.h2.Driver()), log::warn),
                new StorageFiles(root), new FlywayRunner(false), id -> Optional.ofNullable(installed.get(id)), log);
    }

    private static FakePlugin v1() {
        return new FakePlugin(ID, "1.0.0").sql("V1__create_item.sql", CREATE).javaMigration(V2__Seed_items.class);
    }

    private static FakePlugin v2() {
        return v1Like("2.0.0").sql("V3__add_note.sql", ADD_NOTE);
    }

    private static FakePlugin v1Like(String version) {
        return new FakePlugin(ID, version).sql("V1__create_item.sql", CREATE).javaMigration(V2__Seed_items.class);
    }

    private Bundle install(FakePlugin plugin) throws Exception {
        Bundle bundle = plugin.bundle();
        installed.put(ID, bundle);
        storage.install(bundle);
        storage.committed(ID);
        return bundle;
    }

    private Bundle upgrade(FakePlugin plugin) throws Exception {
        Bundle bundle = plugin.bundle();
        installed.put(ID, bundle);
        storage.upgrade(bundle);
        storage.committed(ID);
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
            storage.released(ID);
        }
    }

    private void execute(Bundle bundle, String sql) throws Exception {
        DataSource dataSource = storage.dataSource(bundle);
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } finally {
            storage.released(ID);
        }
    }

    private List<String> columns(Bundle bundle) throws Exception {
        return query(bundle, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'APP' AND "
                + "TABLE_NAME = 'ITEM' ORDER BY ORDINAL_POSITION");
    }

    @Test
    void installCreatesAnOwnerOnlyDatabaseAndAppliesSqlAndJavaMigrations() throws Exception {
        Bundle bundle = install(v1());

        assertEquals(List.of("one", "two"), query(bundle, "SELECT NAME FROM ITEM ORDER BY ID"));
        StorageInfo info = storage.info(ID).orElseThrow();
        assertEquals("2", info.schemaVersion());
        assertEquals("1.0.0", info.writtenBy());
        assertEquals(List.of("SQL", "JDBC"), info.migrations().stream().map(m -> m.type()).toList());
        assertFalse(info.kept());
        assertNull(info.rollbackPoint());
        Path directory = data.resolve("storage").resolve(ID);
        assertTrue(Files.isRegularFile(directory.resolve("db.mv.db")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                directory.resolve(H2Backend.CREDENTIALS))));
        assertFalse(Files.exists(directory.resolve(StorageFiles.JOURNAL)));
        assertFalse(Files.exists(directory.resolve("db.trace.db")), "H2 traced an error on closing");
    }

    @Test
    void thePluginsUserHasNoAdminRights() throws Exception {
        Bundle bundle = install(v1());

        SQLException publicTable = assertThrows(SQLException.class, () -> execute(bundle,
                "CREATE TABLE PUBLIC.X(ID INT)"));
        assertTrue(publicTable.getMessage().contains("rights"), publicTable.getMessage());
        Path credentials = data.resolve("storage").resolve(ID).resolve(H2Backend.CREDENTIALS);
        SQLException file = assertThrows(SQLException.class, () -> query(bundle, "SELECT * FROM CSVREAD('"
                + credentials + "')"));
        assertTrue(file.getMessage().contains("Admin rights"), file.getMessage());
    }

    @Test
    void anUpgradeMigratesAfterASnapshotThatRollbackRestores() throws Exception {
        install(v1());
        List<String> notes;
        try (ArchiveMigrations archive = new ArchiveMigrations(v2().archive(jars))) {
            notes = storage.planUpgrade(ID, "2.0.0", archive);
        }
        assertEquals(List.of("storage: migrations: 3 add note [SQL]", "storage: plugin:rollback restores the data "
                + "of before this upgrade; writes made after it are lost"), notes);

        Bundle upgraded = upgrade(v2());
        assertEquals(List.of("ID", "NAME", "NOTE"), columns(upgraded));
        execute(upgraded, "INSERT INTO ITEM(ID, NAME, NOTE) VALUES (3, 'three', 'later')");
        StorageInfo.RollbackPoint point = storage.info(ID).orElseThrow().rollbackPoint();
        assertEquals("1.0.0", point.fromVersion());
        assertEquals("2.0.0", point.toVersion());
        assertEquals("2", point.schemaVersion());
        assertTrue(point.sizeBytes() > 0);
        assertEquals("storage: data restored to before the upgrade to 2.0.0 (taken " + point.taken()
                + "); writes since then are lost", storage.planRollback(ID, "1.0.0").orElseThrow());

        Bundle back = v1().bundle();
        installed.put(ID, back);
        storage.rollback(back);
        storage.committed(ID);

        assertEquals(List.of("ID", "NAME"), columns(back));
        assertEquals(List.of("one", "two"), query(back, "SELECT NAME FROM ITEM ORDER BY ID"));
        StorageInfo info = storage.info(ID).orElseThrow();
        assertEquals("2", info.schemaVersion());
        assertEquals("1.0.0", info.writtenBy());
        assertNull(info.rollbackPoint());
    }

    @Test
    void theUndoOfARollbackPutsTheNewerDataBack() throws Exception {
        install(v1());
        Bundle upgraded = upgrade(v2());
        execute(upgraded, "INSERT INTO ITEM(ID, NAME, NOTE) VALUES (3, 'three', 'later')");
        Bundle back = v1().bundle();
        installed.put(ID, back);
        Runnable undo = storage.rollback(back);

        installed.put(ID, upgraded);
        undo.run();

        assertEquals(List.of("one", "two", "three"), query(upgraded, "SELECT NAME FROM ITEM ORDER BY ID"));
        assertEquals("1.0.0", storage.info(ID).orElseThrow().rollbackPoint().fromVersion());
    }

    @Test
    void aFailingMigrationLeavesTheDataAndItsVersionExactlyAsBefore() throws Exception {
        Bundle bundle = install(v1());
        FakePlugin broken = v1Like("2.0.0").sql("V3__breaks.sql", "CREATE TABLE T4(ID INT); "
                + "UPDATE ITEM SET NAME = 'changed'; INSERT INTO ITEM(ID, NAME) VALUES (1, 'duplicate');");
        installed.put(ID, broken.bundle());

        PluginException failure = assertThrows(PluginException.class, () -> storage.upgrade(broken.bundle()));

        assertEquals(Code.MIGRATION_FAILED, failure.code());
        assertTrue(failure.getMessage().contains("V3__breaks"), failure.getMessage());
        assertTrue(failure.getMessage().contains("PRIMARY KEY"), failure.getMessage());
        installed.put(ID, bundle);
        assertEquals(List.of("one", "two"), query(bundle, "SELECT NAME FROM ITEM ORDER BY ID"));
        assertEquals(List.of(), query(bundle, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE "
                + "TABLE_NAME = 'T4'"));
        assertEquals("2", storage.info(ID).orElseThrow().schemaVersion());
        assertFalse(Files.exists(data.resolve("storage").resolve(ID).resolve(StorageFiles.JOURNAL)));
    }

    @Test
    void aDowngradeIsRefusedNamingBothVersionsAndTheWriter() throws Exception {
        install(v1());
        upgrade(v2());
        FakePlugin older = v1Like("1.5.0");

        PluginException plan = assertThrows(PluginException.class, () -> {
            try (ArchiveMigrations archive = new ArchiveMigrations(older.archive(jars))) {
                storage.planUpgrade(ID, "1.5.0", archive);
            }
        });
        assertEquals(Code.INCOMPATIBLE, plan.code());
        assertEquals("test.a 1.5.0 knows schema up to 2, its stored data is at 3 (written by test.a 2.0.0): a "
                + "downgrade of its data is refused", plan.getMessage());
        PluginException enable = assertThrows(PluginException.class, () -> storage.dataSource(older.bundle()));
        assertEquals(plan.getMessage(), enable.getMessage());
    }

    @Test
    void anEnableOfABundleOlderThanItsDataIsRefusedInThePlan() throws Exception {
        install(v1());
        upgrade(v2());
        installed.put(ID, v1Like("1.5.0").bundle());
        StorageParticipant participant = new StorageParticipant(storage, id -> Optional.ofNullable(installed.get(id)));
        Plan enable = new Plan(Verb.ENABLE, ID, List.of(new Plan.Step(Plan.Action.START, ID, "1.5.0", "")), List.of(),
                true);
        OperationContext context = new OperationContext() {
            @Override
            public Options options() {
                return Options.DEFAULT;
            }

            @Override
            public Optional<Path> archive(String id) {
                return Optional.empty();
            }
        };

        PluginException refusal = assertThrows(PluginException.class, () -> participant.check(enable, context));

        assertEquals(Code.INCOMPATIBLE, refusal.code());
        assertEquals("test.a 1.5.0 knows schema up to 2, its stored data is at 3 (written by test.a 2.0.0): a "
                + "downgrade of its data is refused", refusal.getMessage());
    }

    @Test
    void anEditedAppliedMigrationIsRefusedInThePlan() throws Exception {
        install(v1());
        FakePlugin edited = new FakePlugin(ID, "2.0.0").sql("V1__create_item.sql", CREATE + " -- edited")
                .javaMigration(V2__Seed_items.class).sql("V3__add_note.sql", ADD_NOTE);

        PluginException refusal = assertThrows(PluginException.class, () -> {
            try (ArchiveMigrations archive = new ArchiveMigrations(edited.archive(jars))) {
                storage.planUpgrade(ID, "2.0.0", archive);
            }
        });

        assertEquals(Code.INCOMPATIBLE, refusal.code());
        assertTrue(refusal.getMessage().contains("checksum mismatch"), refusal.getMessage());
    }

    @Test
    void aCrashAfterTheMigrationRestoresTheOldDataWhenTheOldVersionCameBack() throws Exception {
        Bundle old = install(v1());
        Bundle upgraded = v2().bundle();
        installed.put(ID, upgraded);
        storage.upgrade(upgraded);
        storage.backend().close();

        installed.put(ID, old);
        storage = service();

        assertEquals(List.of("ID", "NAME"), columns(old));
        assertEquals("2", storage.info(ID).orElseThrow().schemaVersion());
        assertNull(storage.info(ID).orElseThrow().rollbackPoint());
        assertFalse(Files.exists(data.resolve("storage").resolve(ID).resolve(StorageFiles.JOURNAL)));
    }

    @Test
    void aCrashAfterTheMigrationKeepsTheNewDataWhenTheNewVersionStayed() throws Exception {
        install(v1());
        Bundle upgraded = v2().bundle();
        installed.put(ID, upgraded);
        storage.upgrade(upgraded);
        storage.backend().close();

        storage = service();

        assertEquals(List.of("ID", "NAME", "NOTE"), columns(upgraded));
        assertEquals("2.0.0", storage.info(ID).orElseThrow().rollbackPoint().toVersion());
    }

    @Test
    void aRemovalKeepsTheDataForAReinstallUnlessPurged() throws Exception {
        Bundle bundle = install(v1());
        execute(bundle, "INSERT INTO ITEM(ID, NAME) VALUES (3, 'three')");
        installed.remove(ID);
        assertEquals(Optional.of("storage: data kept (" + StorageService.kib(storage.backend().sizeBytes(ID))
                + ")"), storage.planRemove(ID, false));
        storage.removed(ID, false);
        assertTrue(storage.info(ID).orElseThrow().kept());

        try (ArchiveMigrations archive = new ArchiveMigrations(v1().archive(jars))) {
            assertEquals(List.of("storage: kept data reattached (" + StorageService.kib(storage.backend()
                    .sizeBytes(ID)) + ")"), storage.planInstall(ID, "1.0.0", archive));
        }
        Bundle again = install(v1());
        assertEquals(List.of("one", "two", "three"), query(again, "SELECT NAME FROM ITEM ORDER BY ID"));

        installed.remove(ID);
        assertEquals(Optional.of("storage: data deleted (--purge)"), storage.planRemove(ID, true));
        storage.removed(ID, true);
        assertEquals(Optional.empty(), storage.info(ID));
        assertFalse(Files.exists(data.resolve("storage").resolve(ID)));
    }

    @Test
    void anUpgradeWithoutNewMigrationsWhoseNewestIsAJavaMigrationIsPlanned() throws Exception {
        install(v1());

        try (ArchiveMigrations archive = new ArchiveMigrations(v1Like("1.1.0").archive(jars))) {
            assertEquals(List.of("storage: no migration"), storage.planUpgrade(ID, "1.1.0", archive));
        }
    }

    @Test
    void keptDataWithoutItsPasswordsIsRefusedAtPlanAndInstallAndNeverDeleted() throws Exception {
        install(v1());
        installed.remove(ID);
        storage.removed(ID, false);
        Path directory = data.resolve("storage").resolve(ID);
        Files.delete(directory.resolve(H2Backend.CREDENTIALS));

        assertTrue(storage.planRemove(ID, false).orElseThrow().contains("credentials.properties"));
        try (ArchiveMigrations archive = new ArchiveMigrations(v1().archive(jars))) {
            PluginException planned = assertThrows(PluginException.class,
                    () -> storage.planInstall(ID, "1.0.0", archive));
            assertTrue(planned.getMessage().contains("passwords of " + ID + "'s database are missing"),
                    planned.getMessage());
        }
        Bundle bundle = v1().bundle();
        installed.put(ID, bundle);
        PluginException failed = assertThrows(PluginException.class, () -> storage.install(bundle));
        assertTrue(failed.getMessage().contains("credentials.properties"), failed.getMessage());
        assertTrue(Files.isRegularFile(directory.resolve(H2Backend.DATABASE_FILE)));
        assertTrue(Files.isRegularFile(directory.resolve(StorageFiles.RECORD)));

        Files.delete(directory.resolve(H2Backend.DATABASE_FILE));
        PluginException enable = assertThrows(PluginException.class, () -> storage.checkReady(bundle));
        assertTrue(enable.getMessage().contains("database file of " + ID + " is missing"), enable.getMessage());
        assertTrue(Files.isRegularFile(directory.resolve(StorageFiles.RECORD)));
    }

    @Test
    void aPlanRefusesAMigrationNameItCannotShowAndDuplicateVersionsAndSummarisesLongLists() throws Exception {
        try (ArchiveMigrations archive = new ArchiveMigrations(v1().sql("V3__x\n  3. start   evil.payload 6.6.6\n"
                + "Refresh: none\n.sql", "SELECT 1;").archive(jars))) {
            PluginException refused = assertThrows(PluginException.class,
                    () -> storage.planInstall(ID, "1.0.0", archive));
            assertEquals(Code.INVALID_ARCHIVE, refused.code());
            assertFalse(refused.getMessage().contains("\n"), refused.getMessage());
        }
        try (ArchiveMigrations archive = new ArchiveMigrations(v1Like("1.0.1").sql("V1.0__again.sql", CREATE)
                .archive(jars))) {
            PluginException refused = assertThrows(PluginException.class,
                    () -> storage.planInstall(ID, "1.0.1", archive));
            assertTrue(refused.getMessage().contains("have the same version 1"), refused.getMessage());
        }
        FakePlugin many = new FakePlugin(ID, "3.0.0");
        for (int i = 1; i <= 30; i++) {
            many.sql("V" + i + "__step.sql", "SELECT 1;");
        }
        try (ArchiveMigrations archive = new ArchiveMigrations(many.archive(jars))) {
            assertEquals(List.of("storage: a new database, migrations (30): 1 step [SQL], 2 step [SQL], 3 step [SQL], "
                    + "4 step [SQL], 5 step [SQL], ... 20 more ..., 26 step [SQL], 27 step [SQL], 28 step [SQL], "
                    + "29 step [SQL], 30 step [SQL]"), storage.planInstall(ID, "3.0.0", archive));
        }
    }

    @Test
    void aPurgeThatCannotDeleteFailsAndKeepsTheDataWhileOneThatCanIsUndoneOrFinished() throws Exception {
        install(v1());
        installed.remove(ID);
        Path directory = data.resolve("storage").resolve(ID);
        Path aside = data.resolve("storage").resolve(StorageFiles.PURGED);
        Files.writeString(aside, "in the way");

        PluginException refused = assertThrows(PluginException.class, () -> storage.purge(ID));
        assertEquals(Code.IO_ERROR, refused.code());
        assertTrue(refused.getMessage().contains("cannot be deleted"), refused.getMessage());
        assertTrue(Files.isRegularFile(directory.resolve(H2Backend.DATABASE_FILE)));

        Files.delete(aside);
        Runnable undo = storage.purge(ID);
        assertFalse(Files.exists(directory));
        assertTrue(storage.all().isEmpty());
        undo.run();
        assertTrue(storage.info(ID).orElseThrow().kept());

        storage.purge(ID);
        storage.removed(ID, true);
        assertFalse(Files.exists(directory));
        assertFalse(Files.exists(aside));
    }

    @Test
    void aFailingJavaMigrationIsNamedWithItsExceptionsWords() throws Exception {
        install(v1());
        FakePlugin broken = v1Like("3.0.0").javaMigration(db.migration.V3__Fail_boom.class);
        installed.put(ID, broken.bundle());

        PluginException failure = assertThrows(PluginException.class, () -> storage.upgrade(broken.bundle()));

        assertEquals(Code.MIGRATION_FAILED, failure.code());
        assertTrue(failure.getMessage().contains("V3__Fail_boom"), failure.getMessage());
        assertTrue(failure.getMessage().contains("boom from java migration"), failure.getMessage());
    }

    @Test
    void refusalsNameTheEditedFileWithoutFlywaysAdviceAndAVersionWithoutMigrationsInWords() throws Exception {
        install(v1());
        FakePlugin edited = new FakePlugin(ID, "2.0.0").sql("V1__create_item.sql", CREATE + " -- edited")
                .javaMigration(V2__Seed_items.class);
        PluginException refusal = assertThrows(PluginException.class, () -> {
            try (ArchiveMigrations archive = new ArchiveMigrations(edited.archive(jars))) {
                storage.planUpgrade(ID, "2.0.0", archive);
            }
        });
        assertTrue(refusal.getMessage().contains("V1__create_item.sql"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("repair"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("-X"), refusal.getMessage());

        PluginException none = assertThrows(PluginException.class, () -> {
            try (ArchiveMigrations archive = new ArchiveMigrations(new FakePlugin(ID, "4.0.0").archive(jars))) {
                storage.planUpgrade(ID, "4.0.0", archive);
            }
        });
        assertTrue(none.getMessage().startsWith(ID + " 4.0.0 has no migration, its stored data is at 2"),
                none.getMessage());
    }

    @Test
    void everyFileAndDirectoryOfAPluginsStorageIsOwnerOnly() throws Exception {
        Bundle bundle = install(v1());
        execute(bundle, "INSERT INTO ITEM(ID, NAME) VALUES (3, 'three')");
        upgrade(v2());
        storage.backend().close();

        try (java.util.stream.Stream<Path> all = Files.walk(data.resolve("storage").resolve(ID))) {
            for (Path path : all.toList()) {
                assertEquals(Files.isDirectory(path) ? "rwx------" : "rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(path)), path.toString());
            }
        }
    }

    @Test
    void anUpgradeWithoutMigrationsDropsTheRollbackPointItsRollbackCannotUse() throws Exception {
        install(v1());
        upgrade(v2());
        assertEquals("1.0.0", storage.info(ID).orElseThrow().rollbackPoint().fromVersion());

        upgrade(v1Like("2.0.1").sql("V3__add_note.sql", ADD_NOTE));

        assertNull(storage.info(ID).orElseThrow().rollbackPoint());
        assertEquals(Optional.empty(), storage.planRollback(ID, "2.0.0"));
        assertFalse(Files.exists(data.resolve("storage").resolve(ID).resolve("snapshots").resolve(
                StorageFiles.ROLLBACK)));
    }

    @Test
    void atStartEveryInterruptedOperationIsSettledWithoutThePluginAsking() throws Exception {
        Bundle old = install(v1());
        Bundle upgraded = v2().bundle();
        installed.put(ID, upgraded);
        storage.upgrade(upgraded);
        storage.backend().close();
        installed.put(ID, old);
        Path directory = data.resolve("storage").resolve(ID);
        assertTrue(Files.exists(directory.resolve(StorageFiles.JOURNAL)));

        storage = service();
        storage.recoverAll();

        assertFalse(Files.exists(directory.resolve(StorageFiles.JOURNAL)));
        assertFalse(Files.exists(directory.resolve("snapshots").resolve(StorageFiles.PENDING)));
        assertTrue(said.stream().anyMatch(line -> line.contains("recovered from an interrupted upgrade")), said
                .toString());
        assertEquals(List.of("ID", "NAME"), columns(old));
    }

    @Test
    void atStartAPurgeInterruptedBeforeItsCommitPutsTheFilesBackForAnInstalledPlugin() throws Exception {
        install(v1());
        storage.purge(ID);
        storage.backend().close();

        storage = service();
        storage.recoverAll();

        assertFalse(storage.info(ID).orElseThrow().kept());
        assertFalse(Files.exists(data.resolve("storage").resolve(StorageFiles.PURGED)));
    }

    @Test
    void aFreshInstallDropsOrphanSnapshotsOfEarlierData() throws Exception {
        Path orphan = data.resolve("storage").resolve(ID).resolve("snapshots").resolve(StorageFiles.ROLLBACK);
        Files.createDirectories(orphan);
        Files.writeString(orphan.resolve(H2Backend.DATABASE_FILE), "old");

        install(v1());

        assertFalse(Files.exists(orphan));
        assertNull(storage.info(ID).orElseThrow().rollbackPoint());
    }

    @Test
    void aHangingMigrationIsStoppedAtItsBoundNamedAndItsDataRestored() throws Exception {
        Bundle bundle = install(v1());
        storage.backend().close();
        Path root = data.resolve("storage");
        storage = new StorageService(new H2Backend(root, new OsgiDataSourceFactory(new org.h2.Driver()), said::add),
                new StorageFiles(root), new FlywayRunner(false, java.time.Duration.ofSeconds(1)),
                id -> Optional.ofNullable(installed.get(id)), new StorageLog() {
                    @Override
                    public void info(String message) {
                        said.add(message);
                    }

                    @Override
                    public void warn(String message) {
                        said.add(message);
                    }
                });
        FakePlugin hanging = v1Like("3.0.0").javaMigration(db.migration.V3__Hang.class);
        installed.put(ID, hanging.bundle());

        long start = System.nanoTime();
        PluginException failure = assertThrows(PluginException.class, () -> storage.upgrade(hanging.bundle()));

        assertTrue(System.nanoTime() - start < java.util.concurrent.TimeUnit.SECONDS.toNanos(30));
        assertEquals(Code.MIGRATION_FAILED, failure.code());
        assertTrue(failure.getMessage().contains("V3__Hang did not finish within 1 s"), failure.getMessage());
        installed.put(ID, bundle);
        assertEquals(List.of(), query(bundle, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE "
                + "TABLE_NAME = 'T3'"));
        assertEquals("2", storage.info(ID).orElseThrow().schemaVersion());
    }

    @Test
    void dataOfAnInstalledVersionThatNoLongerAsksIsNotListedAsRemovedAndItsPlanSaysItStays() throws Exception {
        install(v1());
        installed.put(ID, (Bundle) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Bundle.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> ID;
                    case "getVersion" -> org.osgi.framework.Version.parseVersion("5.0.0");
                    case "getHeaders" -> new java.util.Hashtable<String, String>();
                    default -> null;
                }));

        assertFalse(storage.info(ID).orElseThrow().kept());
        assertTrue(storage.planUnused(ID, "5.0.0").orElseThrow().startsWith("storage: data kept ("),
                storage.planUnused(ID, "5.0.0").toString());
    }

    @Test
    void readingKeptDataLeavesItsDatabaseFileUntouched() throws Exception {
        Bundle bundle = install(v1());
        execute(bundle, "INSERT INTO ITEM(ID, NAME) VALUES (3, 'three')");
        installed.remove(ID);
        storage.removed(ID, false);
        Path file = data.resolve("storage").resolve(ID).resolve(H2Backend.DATABASE_FILE);
        byte[] before = Files.readAllBytes(file);
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);

        StorageInfo info = storage.info(ID).orElseThrow();
        storage.all();

        assertEquals(List.of("1", "2"), info.migrations().stream().map(StorageInfo.AppliedMigration::version)
                .toList());
        assertEquals(before.length, info.sizeBytes());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the database file was rewritten");
        assertEquals(modified, Files.getLastModifiedTime(file));
    }

    @Test
    void aRollbackOfDataWhoseFileIsMissingIsRefusedInWordsAndAFailedRollbackLeavesNoUndo() throws Exception {
        Bundle old = install(v1());
        upgrade(v2());
        Path directory = data.resolve("storage").resolve(ID);
        storage.backend().close();
        Path file = directory.resolve(H2Backend.DATABASE_FILE);
        Path kept = data.resolve("kept.mv.db");
        Files.move(file, kept);

        PluginException planned = assertThrows(PluginException.class, () -> storage.planRollback(ID, "1.0.0"));
        assertTrue(planned.getMessage().contains("database file of " + ID + " is missing"), planned.getMessage());
        installed.put(ID, old);
        PluginException applied = assertThrows(PluginException.class, () -> storage.rollback(old));
        assertTrue(applied.getMessage().contains("database file of " + ID + " is missing"), applied.getMessage());

        Files.move(kept, file);
        Files.delete(directory.resolve("snapshots").resolve(StorageFiles.ROLLBACK).resolve(H2Backend.DATABASE_FILE));
        assertThrows(PluginException.class, () -> storage.rollback(old));
        assertFalse(Files.exists(directory.resolve("snapshots").resolve(StorageFiles.UNDO)));
        assertFalse(Files.exists(directory.resolve(StorageFiles.JOURNAL)));
        installed.put(ID, v2().bundle());
    }

    @Test
    void enablingAPluginWhoseDirectoryIsGoneSaysWhereItWasAndWhatToDo() throws Exception {
        Bundle bundle = install(v1());
        storage.backend().close();
        StorageFiles.deleteTree(data.resolve("storage").resolve(ID));

        PluginException refused = assertThrows(PluginException.class, () -> storage.checkReady(bundle));

        assertTrue(refused.getMessage().contains(data.resolve("storage").resolve(ID) + " does not exist"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("not installed through"), refused.getMessage());
    }

    @Test
    void onlyTheVersionedMigrationsAPlanNamesRun() throws Exception {
        FakePlugin plugin = v1().sql("R__refresh.sql", "CREATE TABLE REPEATED(ID INT);")
                .sql("beforeMigrate.sql", "CREATE TABLE CALLBACK(ID INT);");
        try (ArchiveMigrations archive = new ArchiveMigrations(plugin.archive(jars))) {
            assertEquals(List.of("storage: a new database, migrations: 1 create item [SQL], 2 Seed items [JDBC]"),
                    storage.planInstall(ID, "1.0.0", archive));
        }
        Bundle bundle = install(plugin);

        assertEquals(List.of("ITEM"), query(bundle, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE "
                + "TABLE_SCHEMA = 'APP' AND TABLE_NAME <> 'flyway_schema_history' ORDER BY TABLE_NAME"));
    }

    @Test
    void lookingAtDataWithAMissingFileNamesItInsteadOfSayingThereIsNone() throws Exception {
        install(v1());
        storage.backend().close();
        Files.delete(data.resolve("storage").resolve(ID).resolve(H2Backend.DATABASE_FILE));

        IllegalStateException shown = assertThrows(IllegalStateException.class, () -> storage.info(ID));

        assertTrue(shown.getMessage().contains("database file of " + ID + " is missing"), shown.getMessage());
        assertTrue(storage.all().isEmpty());
        assertTrue(said.stream().anyMatch(line -> line.contains("is incomplete")), said.toString());
    }
}
