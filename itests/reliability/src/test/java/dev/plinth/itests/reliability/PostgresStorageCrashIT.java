package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.common.testing.ThrowawayPostgres;
import dev.plinth.itests.blackbox.Plinth;

/**
 * StorageCrashIT on PostgreSQL: the runtime configured for a throwaway server (a role that is not a superuser owning
 * the database), halted at each storage fault point of an upgrade that migrates, an upgrade whose migration fails and a
 * rollback that restores the schema with pg_restore; after the restart the plugin runs at the old version with the old
 * rows or at the new version with the new rows, never a mix, with no journal left. Each case starts from a saved
 * {@code data/} and a copy of the database saved with it ({@code CREATE DATABASE .. TEMPLATE}).
 */
class PostgresStorageCrashIT {

    private static final String ID = "t.pg.storage";
    private static final String REQUIREMENT =
            "osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\"";
    private static final Pattern VERSION = Pattern.compile("(?m)^Version: *(\\S+)|\\b" + Pattern.quote(ID)
            + " +(\\d+\\.\\d+\\.\\d+)");
    private static final String V2 = "ALTER TABLE item ADD note VARCHAR(20); UPDATE item SET note = 'n';";
    private static final String V3 = "INSERT INTO item(id, name, note) VALUES (2, 'two', 'm');";

    @TempDir
    static Path unpacked;
    @TempDir
    static Path jars;

    private static ThrowawayPostgres pg;
    private static Home home;

    @BeforeAll
    static void installed() throws Exception {
        pg = ThrowawayPostgres.start();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE plinth_admin LOGIN CREATEROLE PASSWORD 'admin-secret'");
            s.execute("CREATE DATABASE plinth OWNER plinth_admin");
        }
        home = Home.unpack(unpacked);
        Files.writeString(home.path().resolve("etc/dev.plinth.storage.cfg.json"), "{ \"backend\": \"postgresql\", "
                + "\"host\": \"" + pg.host() + "\", \"port:Integer\": " + pg.port() + ", \"database\": \"plinth\", "
                + "\"user\": \"plinth_admin\", \".password\": \"admin-secret\", \"postgresql.bin\": \""
                + pg.binaries() + "\" }");
        Plinth.Result install = home.batch("plugin:install " + jar("1.0.0") + " --enable");
        assertEquals(0, install.exit(), install.toString());
        save("storage-1");
        Plinth.Result upgrade = home.batch("plugin:upgrade " + ID + " " + jar("2.0.0", "V2__add_note.sql", V2,
                "V3__more.sql", V3));
        assertEquals(0, upgrade.exit(), upgrade.toString());
        save("storage-2");
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private static Path jar(String version, String... migrations) {
        BundleJar jar = BundleJar.bundle(ID, version).activator(StorageUserActivator.class)
                .imports("org.osgi.framework,javax.sql").requireCapability(REQUIREMENT)
                .entry("db/migration/V1__create.sql", "CREATE TABLE item(id INT PRIMARY KEY, name VARCHAR(20)); "
                        + "INSERT INTO item(id, name) VALUES (1, 'one');");
        for (int i = 0; i < migrations.length; i += 2) {
            jar.entry("db/migration/" + migrations[i], migrations[i + 1]);
        }
        return jar.writeTo(jars.resolve(ID + "-" + version + "-" + migrations.length + ".jar"));
    }

    @ParameterizedTest(name = "upgrade halted at {0}")
    @ValueSource(strings = {"storage.snapshot-taken", "storage.migration-applied", "storage.migrated",
            "upgrade.participants-applied", "upgrade.before-commit", "upgrade.committed"})
    void aCrashDuringAnUpgradeThatMigratesLeavesTheOldOrTheNewDataWhole(String point) throws Exception {
        restore("storage-1");

        halt(point, "plugin:upgrade " + ID + " " + jar("2.0.0", "V2__add_note.sql", V2, "V3__more.sql", V3));

        String version = runningVersion();
        if (version.equals("1.0.0")) {
            assertEquals(List.of("1|one"), rows("SELECT id || '|' || name FROM %s.item ORDER BY id"));
            assertEquals(List.of("1"), history());
        } else {
            assertEquals("2.0.0", version);
            assertEquals(List.of("1|one|n", "2|two|m"), rows("SELECT id || '|' || name || '|' || note FROM %s.item "
                    + "ORDER BY id"));
            assertEquals(List.of("1", "2", "3"), history());
        }
        assertNoJournal();
    }

    @ParameterizedTest(name = "failed upgrade halted at {0}")
    @ValueSource(strings = {"storage.snapshot-taken", "storage.migration-applied"})
    void aCrashWhileAFailingGroupOfMigrationsRunsLeavesTheOldData(String point) throws Exception {
        restore("storage-1");

        halt(point, "plugin:upgrade " + ID + " " + jar("2.0.0", "V2__add_note.sql",
                "ALTER TABLE item ADD note VARCHAR(20);", "V3__breaks.sql",
                "UPDATE item SET name = 'changed'; INSERT INTO item(id, name) VALUES (1, 'duplicate');"));

        assertEquals("1.0.0", runningVersion());
        assertEquals(List.of("1|one"), rows("SELECT id || '|' || name FROM %s.item ORDER BY id"));
        assertEquals(List.of("id", "name"), rows("SELECT column_name FROM information_schema.columns WHERE "
                + "table_schema = '%s' AND table_name = 'item' ORDER BY ordinal_position"));
        assertEquals(List.of("1"), history());
        assertNoJournal();
    }

    @ParameterizedTest(name = "rollback halted at {0}")
    @ValueSource(strings = {"storage.restoring", "rollback.participants-applied", "rollback.committed"})
    void aCrashDuringARollbackLeavesTheNewOrTheRestoredDataWhole(String point) throws Exception {
        restore("storage-2");

        halt(point, "plugin:rollback " + ID);

        String version = runningVersion();
        if (version.equals("1.0.0")) {
            assertEquals(List.of("1|one"), rows("SELECT id || '|' || name FROM %s.item ORDER BY id"));
            assertEquals(List.of("1"), history());
        } else {
            assertEquals("2.0.0", version);
            assertEquals(List.of("1|one|n", "2|two|m"), rows("SELECT id || '|' || name || '|' || note FROM %s.item "
                    + "ORDER BY id"));
        }
        assertNoJournal();
    }

    private static void halt(String point, String command) throws Exception {
        Plinth.Result crashed = home.batchHaltingAt(point, command);
        assertEquals(Home.HALTED, crashed.exit(), "the runtime halted at " + point + "\n" + crashed);
        Figures.CRASH_POINTS.incrementAndGet();
    }

    /** The plugin's version after a restart, which must have started it with its database. */
    private static String runningVersion() throws Exception {
        Plinth.Result info = home.batch("plugin:info " + ID);
        assertEquals(0, info.exit(), info.toString());
        assertTrue(info.out().contains("enabled"), "the plugin runs again\n" + info);
        Matcher matcher = VERSION.matcher(info.out());
        assertTrue(matcher.find(), "a version in\n" + info);
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static void assertNoJournal() {
        assertFalse(Files.exists(home.data("storage").resolve(ID).resolve("journal.json")), "a journal is left");
    }

    private static List<String> history() throws Exception {
        return rows("SELECT version FROM %s.flyway_schema_history WHERE success AND version IS NOT NULL "
                + "ORDER BY installed_rank");
    }

    /** Keeps {@code data/} and a copy of the database under {@code name} (the runtime stopped). */
    private static void save(String name) throws Exception {
        home.saveData(name);
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            endSessions(s, "plinth");
            s.execute("DROP DATABASE IF EXISTS \"saved_" + name + "\"");
            s.execute("CREATE DATABASE \"saved_" + name + "\" TEMPLATE plinth OWNER plinth_admin");
        }
    }

    /** Puts {@code data/} and the database saved under {@code name} back. */
    private static void restore(String name) throws Exception {
        home.restoreData(name);
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE plinth WITH (FORCE)");
            s.execute("CREATE DATABASE plinth TEMPLATE \"saved_" + name + "\" OWNER plinth_admin");
        }
    }

    private static void endSessions(Statement s, String database) throws SQLException {
        s.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'")
                .close();
    }

    /** Runs {@code sql} as the superuser, {@code %s} replaced by the plugin's schema. */
    private static List<String> rows(String sql) throws Exception {
        try (Connection c = superuser("plinth"); Statement s = c.createStatement()) {
            String schema;
            try (ResultSet r = s.executeQuery("SELECT nspname FROM pg_namespace "
                    + "WHERE obj_description(oid, 'pg_namespace') = 'plinth plugin storage of " + ID + "'")) {
                assertTrue(r.next(), "the plugin has its schema");
                schema = r.getString(1);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet r = s.executeQuery(String.format(sql, schema))) {
                while (r.next()) {
                    values.add(r.getString(1));
                }
            }
            return values;
        }
    }

    private static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.superuser(), pg.superuserPassword());
    }
}
