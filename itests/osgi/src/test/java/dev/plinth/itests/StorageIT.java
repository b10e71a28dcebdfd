package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.After;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;

import db.migration.V2__Seed_notes;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.common.testing.BundleJar;

/**
 * Plugin storage in the runtime: a plugin that asks gets a migrated H2 database of its own, which other plugins cannot
 * reach; upgrades migrate it, a failed migration leaves it as before, rollback restores it, removal keeps it unless
 * purged, a downgrade is refused, and a dry run lists the migrations and changes nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageIT extends PluginsFixture {

    private static final String A = "test.storage.a";
    private static final String B = "test.storage.b";
    private static final String REQUIREMENT =
            "osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\"";
    private static final String V1 = "CREATE TABLE NOTE(ID INT PRIMARY KEY, TEXT VARCHAR(100));";
    private static final String V3 = "ALTER TABLE NOTE ADD AUTHOR VARCHAR(50); UPDATE NOTE SET AUTHOR = 'ada';";

    @Configuration
    public Option[] configuration() {
        return PlinthRuntime.options(StorageIT.class, PlinthRuntime.QUICK_START_ETC);
    }

    private Path plugin(String id, String version, String... sql) {
        BundleJar jar = BundleJar.bundle(id, version).activator(StoragePluginActivator.class)
                .imports("org.osgi.framework,javax.sql,dev.plinth.api.storage").requireCapability(REQUIREMENT)
                .classOf(V2__Seed_notes.class).entry("db/migration/V1__create_note.sql", V1);
        for (int i = 0; i < sql.length; i += 2) {
            jar.entry("db/migration/" + sql[i], sql[i + 1]);
        }
        return jar.writeTo(jars.resolve(id + "-" + version + ".jar"));
    }

    @SuppressWarnings("unchecked")
    private List<String> sql(String id, String statement) throws Exception {
        ServiceReference<?> reference = context.getServiceReferences(Function.class.getName(),
                "(test.storage=" + id + ")")[0];
        return ((Function<String, List<String>>) context.getService(reference)).apply(statement);
    }

    private PluginStorage storage() {
        return context.getService(context.getServiceReference(PluginStorage.class));
    }

    private Path directory(String id) {
        return plugins.data().resolve("storage").resolve(id);
    }

    private static String reasons(Plan plan, String id) {
        return String.join(" | ", plan.steps().stream().filter(step -> step.id().equals(id))
                .map(Plan.Step::reason).toList());
    }

    @Test
    public void anInstallMigratesAndEachPluginGetsOnlyItsOwnDatabase() throws Exception {
        Plan plan = manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        manager.install(plugin(B, "1.0.0").toUri(), OPTIONS.withEnable(true));

        assertTrue(reasons(plan, A), reasons(plan, A).contains(
                "storage: a new database, migrations: 1 create note [SQL], 2 Seed notes [JDBC]"));
        assertEquals(Bundle.ACTIVE, plugins.state(A));
        assertEquals(List.of("first", "second"), sql(A, "SELECT TEXT FROM NOTE ORDER BY ID"));
        assertTrue(Files.isRegularFile(directory(A).resolve("db.mv.db")));
        sql(B, "CREATE TABLE B_ONLY(ID INT)");
        sql(B, "INSERT INTO B_ONLY VALUES (42)");
        IllegalStateException cross = assertThrows(IllegalStateException.class, () -> sql(A,
                "SELECT * FROM B_ONLY"));
        assertTrue(cross.getMessage(), cross.getMessage().contains("B_ONLY"));
        IllegalStateException link = assertThrows(IllegalStateException.class, () -> sql(A,
                "SELECT * FROM CSVREAD('" + directory(B).resolve("credentials.properties") + "')"));
        assertTrue(link.getMessage(), link.getMessage().contains("Admin rights"));
        ServiceReference<DataSource> shared = context.getServiceReferences(DataSource.class,
                PluginStorage.DATA_SOURCE).iterator().next();
        assertNull("a bundle that did not ask gets no DataSource", context.getService(shared));
        StorageInfo info = storage().info(A).orElseThrow();
        assertEquals("h2", info.backend());
        assertEquals("2", info.schemaVersion());
        assertEquals("1.0.0", info.writtenBy());
        assertEquals(List.of("1", "2"), info.migrations().stream().map(StorageInfo.AppliedMigration::version)
                .toList());
    }

    @Test
    public void aComponentsReferenceToThePluginsDataSourceAsksForStorageToo() throws Exception {
        Path jar = BundleJar.bundle(StorageDsUser.ID, "1.0.0").imports("org.osgi.framework,javax.sql")
                .header("Service-Component", "OSGI-INF/*.xml").entry("OSGI-INF/user.xml", StorageDsUser.COMPONENT)
                .classOf(StorageDsUser.class, StoragePluginActivator.class)
                .entry("db/migration/V1__create_note.sql", V1).writeTo(jars.resolve("ds-1.0.0.jar"));

        Plan plan = manager.install(jar.toUri(), OPTIONS.withEnable(true));

        assertTrue(reasons(plan, StorageDsUser.ID), reasons(plan, StorageDsUser.ID).contains(
                "storage: a new database, migrations: 1 create note [SQL]"));
        Await.until("the component with its DataSource", Plugins.BOUND, (java.util.function.BooleanSupplier) () -> {
            try {
                return context.getServiceReferences(Function.class.getName(),
                        "(test.storage=" + StorageDsUser.ID + ")") != null;
            } catch (org.osgi.framework.InvalidSyntaxException e) {
                throw new IllegalStateException(e);
            }
        });
        sql(StorageDsUser.ID, "INSERT INTO NOTE VALUES (1, 'by reference')");
        assertEquals(List.of("by reference"), sql(StorageDsUser.ID, "SELECT TEXT FROM NOTE"));
        assertEquals("1", storage().info(StorageDsUser.ID).orElseThrow().schemaVersion());
    }

    @Test
    public void anUpgradeMigratesAndRollbackRestoresTheDataOfBefore() throws Exception {
        manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        Path v2 = plugin(A, "2.0.0", "V3__add_author.sql", V3);

        Plan dry = manager.upgrade(A, v2.toUri(), OPTIONS.withSimulate(true));
        assertTrue(reasons(dry, A), reasons(dry, A).contains("storage: migrations: 3 add author [SQL]"));
        assertTrue(reasons(dry, A), reasons(dry, A).contains("plugin:rollback restores the data"));
        assertEquals("2", storage().info(A).orElseThrow().schemaVersion());
        assertEquals(List.of("ID", "TEXT"), columns(A));

        manager.upgrade(A, v2.toUri(), OPTIONS);
        assertEquals(Bundle.ACTIVE, plugins.state(A));
        assertEquals(List.of("ada", "ada"), sql(A, "SELECT AUTHOR FROM NOTE ORDER BY ID"));
        sql(A, "INSERT INTO NOTE(ID, TEXT, AUTHOR) VALUES (3, 'third', 'grace')");
        StorageInfo upgraded = storage().info(A).orElseThrow();
        assertEquals("3", upgraded.schemaVersion());
        assertEquals("1.0.0", upgraded.rollbackPoint().fromVersion());

        Plan rollback = manager.rollback(A, OPTIONS);
        assertTrue(reasons(rollback, A), reasons(rollback, A).contains(
                "data restored to before the upgrade to 2.0.0"));
        assertEquals("1.0.0", plugins.bundle(A).getVersion().toString());
        assertEquals(Bundle.ACTIVE, plugins.state(A));
        assertEquals(List.of("ID", "TEXT"), columns(A));
        assertEquals(List.of("first", "second"), sql(A, "SELECT TEXT FROM NOTE ORDER BY ID"));
        assertEquals("2", storage().info(A).orElseThrow().schemaVersion());
    }

    @Test
    public void aFailingMigrationLeavesTheDataAndTheOldVersionRunning() throws Exception {
        manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        sql(A, "INSERT INTO NOTE(ID, TEXT) VALUES (3, 'mine')");
        Path broken = plugin(A, "2.0.0", "V3__breaks.sql", "CREATE TABLE HALF(ID INT); "
                + "UPDATE NOTE SET TEXT = 'changed'; INSERT INTO NOTE(ID, TEXT) VALUES (1, 'duplicate');");

        PluginException failure = assertThrows(PluginException.class, () -> manager.upgrade(A, broken.toUri(),
                OPTIONS));

        assertEquals(Code.MIGRATION_FAILED, failure.code());
        assertTrue(failure.getMessage(), failure.getMessage().contains("V3__breaks"));
        assertEquals("1.0.0", plugins.bundle(A).getVersion().toString());
        assertEquals(Bundle.ACTIVE, plugins.state(A));
        assertEquals(List.of("first", "second", "mine"), sql(A, "SELECT TEXT FROM NOTE ORDER BY ID"));
        assertEquals(List.of(), sql(A, "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'HALF'"));
        assertEquals("2", storage().info(A).orElseThrow().schemaVersion());
        assertFalse(Files.exists(directory(A).resolve("journal.json")));
    }

    @Test
    public void aRemovalKeepsTheDataForAReinstallAndPurgeDeletesIt() throws Exception {
        manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        sql(A, "INSERT INTO NOTE(ID, TEXT) VALUES (3, 'kept')");

        Plan remove = manager.remove(A, OPTIONS);
        assertTrue(reasons(remove, A), reasons(remove, A).contains("storage: data kept ("));
        assertTrue(storage().info(A).orElseThrow().kept());
        assertTrue(storage().all().stream().anyMatch(info -> info.id().equals(A) && info.kept()));

        Plan again = manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        assertTrue(reasons(again, A), reasons(again, A).contains("storage: kept data reattached"));
        assertEquals(List.of("first", "second", "kept"), sql(A, "SELECT TEXT FROM NOTE ORDER BY ID"));

        Plan purge = manager.remove(A, OPTIONS.withPurge(true));
        assertTrue(reasons(purge, A), reasons(purge, A).contains("storage: data deleted (--purge)"));
        assertTrue(storage().info(A).isEmpty());
        assertFalse(Files.exists(directory(A)));
    }

    @Test
    public void aDowngradeIsRefusedWithBothVersionsNamed() throws Exception {
        manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        manager.upgrade(A, plugin(A, "2.0.0", "V3__add_author.sql", V3).toUri(), OPTIONS);
        manager.remove(A, OPTIONS);

        PluginException refusal = assertThrows(PluginException.class, () -> manager.install(plugin(A, "1.5.0")
                .toUri(), OPTIONS.withEnable(true)));

        assertEquals(Code.INCOMPATIBLE, refusal.code());
        assertEquals(refusal.getMessage(), "test.storage.a 1.5.0 knows schema up to 2, its stored data is at 3 "
                + "(written by test.storage.a 2.0.0): a downgrade of its data is refused", refusal.getMessage());
        assertTrue(manager.find(A).isEmpty());
        manager.install(plugin(A, "2.0.0", "V3__add_author.sql", V3).toUri(), OPTIONS.withEnable(true));
        assertEquals(List.of("ada", "ada"), sql(A, "SELECT AUTHOR FROM NOTE ORDER BY ID"));
        manager.remove(A, OPTIONS.withPurge(true));
    }

    @Test
    public void aDataSourceAnotherPluginRegistersWithTheStoragePropertyIsHiddenFromOthers() throws Exception {
        Path impostor = BundleJar.bundle("test.storage.impostor", "1.0.0").activator(ImpostorDataSourceActivator.class)
                .imports("org.osgi.framework,javax.sql").writeTo(jars.resolve("impostor.jar"));
        manager.install(impostor.toUri(), OPTIONS.withEnable(true));
        assertEquals(Bundle.ACTIVE, plugins.state("test.storage.impostor"));

        manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));

        assertEquals(List.of("first", "second"), sql(A, "SELECT TEXT FROM NOTE ORDER BY ID"));
        Collection<ServiceReference<DataSource>> seen = context.getServiceReferences(DataSource.class,
                PluginStorage.DATA_SOURCE);
        assertEquals(List.of("dev.plinth.storage"), seen.stream().map(reference -> reference.getBundle()
                .getSymbolicName()).toList());
    }

    @Test
    public void aDryRunListsTheMigrationsAndChangesNothing() throws Exception {
        Plan plan = manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true).withSimulate(true));

        assertTrue(reasons(plan, A), reasons(plan, A).contains(
                "migrations: 1 create note [SQL], 2 Seed notes [JDBC]"));
        assertFalse(Files.exists(directory(A)));
        assertTrue(storage().info(A).isEmpty());
        assertNotNull(plan);
    }

    private List<String> columns(String id) throws Exception {
        return sql(id, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'NOTE' "
                + "ORDER BY ORDINAL_POSITION");
    }

    @Test
    public void anotherBundleGetsNoConnectionThroughAPluginsContext() throws Exception {
        manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        org.osgi.framework.BundleContext victim = plugins.bundle(A).getBundleContext();
        ServiceReference<DataSource> shared = victim.getServiceReferences(DataSource.class,
                PluginStorage.DATA_SOURCE).iterator().next();

        DataSource taken = victim.getService(shared);
        if (taken != null) {
            java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, taken::getConnection);
            assertTrue(refused.getMessage(), refused.getMessage().contains("used the DataSource of " + A));
        }
        assertEquals(List.of("first", "second"), sql(A, "SELECT TEXT FROM NOTE ORDER BY ID"));
    }

    @Test
    public void withStorageStoppedNothingThatNeedsItIsDone() throws Exception {
        manager.install(plugin(A, "1.0.0").toUri(), OPTIONS.withEnable(true));
        manager.disable(A, OPTIONS);
        Bundle storageBundle = java.util.Arrays.stream(context.getBundles())
                .filter(bundle -> "dev.plinth.storage".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        storageBundle.stop();
        try {
            PluginException install = assertThrows(PluginException.class,
                    () -> manager.install(plugin(B, "1.0.0").toUri(), OPTIONS.withEnable(true)));
            assertEquals(Code.UNRESOLVED, install.code());
            assertTrue(install.getMessage(), install.getMessage().contains("dev.plinth.storage is installed but "
                    + "not running"));
            assertThrows(PluginException.class, () -> manager.enable(A, OPTIONS));
            PluginException purge = assertThrows(PluginException.class,
                    () -> manager.remove(A, OPTIONS.withPurge(true)));
            assertEquals(Code.UNRESOLVED, purge.code());
            assertTrue(Files.isRegularFile(directory(A).resolve("db.mv.db")));
            assertTrue(plugins.bundle(A) != null);
            assertNull(plugins.bundle(B));
        } finally {
            storageBundle.start();
            Await.until("storage is back", Plugins.BOUND,
                    () -> context.getServiceReference(PluginStorage.class) != null);
        }
    }

    @Override
    @After
    public void removeAllPlugins() throws PluginException {
        super.removeAllPlugins();
        for (String id : List.of(A, B)) {
            try {
                Files.walk(directory(id)).sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile()
                        .delete());
            } catch (java.io.IOException e) {
                // none
            }
        }
    }
}
