package dev.plinth.itests;

import static dev.plinth.itests.Plugins.OPTIONS;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

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
import dev.plinth.common.testing.ThrowawayPostgres;

/**
 * Plugin storage in the runtime on a real PostgreSQL server (a throwaway one the test starts), configured as an
 * operator would in {@code etc/dev.plinth.storage.cfg.json} with a role that is not a superuser, its password a
 * reference to a file of the secrets directory (the driver's bundle is one of the boot bundles): a plugin's own schema and role, isolation, upgrade and rollback through pg_dump/pg_restore,
 * a failing migration, removal keeping the data and purge deleting it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresStorageIT extends PluginsFixture {

    private static final String REQUIREMENT =
            "osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\"";
    private static final String V1 = "CREATE TABLE NOTE(ID INT PRIMARY KEY, TEXT VARCHAR(100));";
    private static final String V3 = "ALTER TABLE NOTE ADD AUTHOR VARCHAR(50); UPDATE NOTE SET AUTHOR = 'ada';";
    private static final AtomicInteger PLUGINS = new AtomicInteger();

    private final String a = "test.pg.a" + PLUGINS.incrementAndGet();
    private final String b = a + ".b";

    @Configuration
    public Option[] configuration() throws Exception {
        ThrowawayPostgres pg = ThrowawayPostgres.start();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(),
                pg.superuserPassword()); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE plinth_admin LOGIN CREATEROLE PASSWORD 'admin-secret'");
            s.execute("CREATE DATABASE plinth OWNER plinth_admin");
        }
        Path secrets = Files.createTempDirectory("plinth-pg-secrets-");
        secrets.toFile().deleteOnExit();
        Files.writeString(secrets.resolve("pg-password"), "admin-secret").toFile().deleteOnExit();
        String etc = "{ \"backend\": \"postgresql\", \"host\": \"" + pg.host() + "\", \"port:Integer\": " + pg.port()
                + ", \"database\": \"plinth\", \"user\": \"plinth_admin\", "
                + "\".password\": \"$[secret:pg-password]\", \"postgresql.bin\": \"" + pg.binaries() + "\" }";
        Option[] runtime = PlinthRuntime.options(PostgresStorageIT.class, Map.of(PlinthRuntime.MANAGER_SETTINGS,
                PlinthRuntime.QUICK_START, "dev.plinth.storage.cfg.json", etc));
        Option[] options = Arrays.copyOf(runtime, runtime.length + 1);
        options[runtime.length] = frameworkProperty("org.apache.felix.configadmin.plugin.interpolation.secretsdir")
                .value(secrets.toString());
        return options;
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

    private List<String> columns(String id) throws Exception {
        return sql(id, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                + "AND table_name = 'note' ORDER BY ordinal_position");
    }

    private List<String> schemas(String prefix) throws Exception {
        return sql(b, "SELECT nspname FROM pg_namespace WHERE nspname LIKE '" + prefix + "%'");
    }

    private static String reasons(Plan plan, String id) {
        return String.join(" | ", plan.steps().stream().filter(step -> step.id().equals(id))
                .map(Plan.Step::reason).toList());
    }

    @Test
    public void anInstallMigratesIntoThePluginsOwnSchemaWhichOtherPluginsCannotReach() throws Exception {
        Plan plan = manager.install(plugin(a, "1.0.0").toUri(), OPTIONS.withEnable(true));
        manager.install(plugin(b, "1.0.0").toUri(), OPTIONS.withEnable(true));

        assertTrue(reasons(plan, a), reasons(plan, a).contains(
                "storage: a new database, migrations: 1 create note [SQL], 2 Seed notes [JDBC]"));
        assertEquals(Bundle.ACTIVE, plugins.state(a));
        assertEquals(List.of("first", "second"), sql(a, "SELECT TEXT FROM NOTE ORDER BY ID"));
        String role = sql(a, "SELECT current_user").get(0);
        assertTrue(role, role.startsWith("plugin_test_pg_a") && role.contains("__"));
        assertEquals(List.of(role), sql(a, "SELECT current_schema()"));
        sql(b, "CREATE TABLE b_only(id INT)");
        String schemaOfB = sql(b, "SELECT current_schema()").get(0);
        IllegalStateException cross = assertThrows(IllegalStateException.class,
                () -> sql(a, "SELECT * FROM \"" + schemaOfB + "\".b_only"));
        assertTrue(cross.getMessage(), cross.getMessage().contains("permission denied for schema"));
        IllegalStateException publicSchema = assertThrows(IllegalStateException.class,
                () -> sql(a, "CREATE TABLE public.planted(id INT)"));
        assertTrue(publicSchema.getMessage(), publicSchema.getMessage().contains("permission denied"));
        StorageInfo info = storage().info(a).orElseThrow();
        assertEquals("postgresql", info.backend());
        assertTrue(info.location(), info.location().endsWith("/plinth schema " + role));
        assertEquals("2", info.schemaVersion());
        assertTrue(info.sizeBytes() > 0);
    }

    @Test
    public void anUpgradeMigratesAndRollbackRestoresTheDataOfBefore() throws Exception {
        manager.install(plugin(a, "1.0.0").toUri(), OPTIONS.withEnable(true));

        manager.upgrade(a, plugin(a, "2.0.0", "V3__add_author.sql", V3).toUri(), OPTIONS);
        assertEquals(List.of("ada", "ada"), sql(a, "SELECT AUTHOR FROM NOTE ORDER BY ID"));
        sql(a, "INSERT INTO NOTE(ID, TEXT, AUTHOR) VALUES (3, 'third', 'grace')");
        assertEquals("3", storage().info(a).orElseThrow().schemaVersion());

        Plan rollback = manager.rollback(a, OPTIONS);
        assertTrue(reasons(rollback, a), reasons(rollback, a).contains(
                "data restored to before the upgrade to 2.0.0"));
        assertEquals("1.0.0", plugins.bundle(a).getVersion().toString());
        assertEquals(Bundle.ACTIVE, plugins.state(a));
        assertEquals(List.of("id", "text"), columns(a));
        assertEquals(List.of("first", "second"), sql(a, "SELECT TEXT FROM NOTE ORDER BY ID"));
    }

    @Test
    public void aFailingMigrationLeavesTheDataAndTheOldVersionRunning() throws Exception {
        manager.install(plugin(a, "1.0.0").toUri(), OPTIONS.withEnable(true));
        sql(a, "INSERT INTO NOTE(ID, TEXT) VALUES (3, 'mine')");
        Path broken = plugin(a, "2.0.0", "V3__half.sql", "CREATE TABLE HALF(ID INT);", "V4__breaks.sql",
                "UPDATE NOTE SET TEXT = 'changed'; INSERT INTO NOTE(ID, TEXT) VALUES (1, 'duplicate');");

        PluginException failure = assertThrows(PluginException.class,
                () -> manager.upgrade(a, broken.toUri(), OPTIONS));

        assertEquals(Code.MIGRATION_FAILED, failure.code());
        assertTrue(failure.getMessage(), failure.getMessage().contains("V4__breaks"));
        assertEquals("1.0.0", plugins.bundle(a).getVersion().toString());
        assertEquals(Bundle.ACTIVE, plugins.state(a));
        assertEquals(List.of("first", "second", "mine"), sql(a, "SELECT TEXT FROM NOTE ORDER BY ID"));
        assertEquals(List.of(), sql(a, "SELECT tablename FROM pg_tables WHERE tablename = 'half'"));
        assertEquals("2", storage().info(a).orElseThrow().schemaVersion());
    }

    @Test
    public void aRemovalKeepsTheSchemaForAReinstallAndPurgeDropsIt() throws Exception {
        manager.install(plugin(b, "1.0.0").toUri(), OPTIONS.withEnable(true));
        manager.install(plugin(a, "1.0.0").toUri(), OPTIONS.withEnable(true));
        sql(a, "INSERT INTO NOTE(ID, TEXT) VALUES (3, 'kept')");
        String schema = sql(a, "SELECT current_schema()").get(0);

        Plan remove = manager.remove(a, OPTIONS);
        assertTrue(reasons(remove, a), reasons(remove, a).contains("storage: data kept ("));
        assertTrue(storage().info(a).orElseThrow().kept());
        assertEquals(List.of(schema), schemas(schema));

        Plan again = manager.install(plugin(a, "1.0.0").toUri(), OPTIONS.withEnable(true));
        assertTrue(reasons(again, a), reasons(again, a).contains("storage: kept data reattached"));
        assertEquals(List.of("first", "second", "kept"), sql(a, "SELECT TEXT FROM NOTE ORDER BY ID"));

        Plan purge = manager.remove(a, OPTIONS.withPurge(true));
        assertTrue(reasons(purge, a), reasons(purge, a).contains("storage: data deleted (--purge)"));
        assertTrue(storage().info(a).isEmpty());
        assertEquals(List.of(), schemas(schema));
        assertEquals(List.of("0"), sql(b, "SELECT count(*) FROM pg_roles WHERE rolname = '" + schema + "'"));
    }

    @Override
    public void removeAllPlugins() throws PluginException {
        for (String id : List.of(a, b)) {
            if (manager.find(id).isPresent()) {
                try {
                    manager.remove(id, OPTIONS.withPurge(true));
                } catch (PluginException e) {
                    // the fixture's removal below says what is left
                }
            }
        }
        super.removeAllPlugins();
    }
}
