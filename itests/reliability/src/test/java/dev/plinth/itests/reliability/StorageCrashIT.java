package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.itests.blackbox.Plinth;

/**
 * Halts the runtime at each fault point of a plugin's storage during an upgrade that migrates (two migrations), an
 * upgrade whose migration fails, and a rollback that restores the data; restarts it and checks that the plugin runs
 * at the old version with the old data or at the new version with the new data, never a mix, with no journal left,
 * and that the next upgrade works.
 */
class StorageCrashIT {

    private static final String ID = "t.storage";
    private static final String REQUIREMENT =
            "osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\"";
    private static final Pattern VERSION = Pattern.compile("(?m)^Version: *(\\S+)|\\b" + Pattern.quote(ID)
            + " +(\\d+\\.\\d+\\.\\d+)");

    @TempDir
    static Path unpacked;
    @TempDir
    static Path jars;

    private static Home home;

    @BeforeAll
    static void installed() throws Exception {
        home = Home.unpack(unpacked);
        Plinth.Result install = home.batch("plugin:install " + jar("1.0.0") + " --enable");
        assertEquals(0, install.exit(), install.toString());
        home.saveData("storage-1");
        Plinth.Result upgrade = home.batch("plugin:upgrade " + ID + " " + jar("2.0.0", "V2__add_note.sql",
                "ALTER TABLE ITEM ADD NOTE VARCHAR(20); UPDATE ITEM SET NOTE = 'n';", "V3__more.sql",
                "INSERT INTO ITEM(ID, NAME, NOTE) VALUES (2, 'two', 'm');"));
        assertEquals(0, upgrade.exit(), upgrade.toString());
        home.saveData("storage-2");
    }

    private static Path jar(String version, String... migrations) {
        BundleJar jar = BundleJar.bundle(ID, version).activator(StorageUserActivator.class)
                .imports("org.osgi.framework,javax.sql").requireCapability(REQUIREMENT)
                .entry("db/migration/V1__create.sql", "CREATE TABLE ITEM(ID INT PRIMARY KEY, NAME VARCHAR(20)); "
                        + "INSERT INTO ITEM(ID, NAME) VALUES (1, 'one');");
        for (int i = 0; i < migrations.length; i += 2) {
            jar.entry("db/migration/" + migrations[i], migrations[i + 1]);
        }
        return jar.writeTo(jars.resolve(ID + "-" + version + "-" + migrations.length + ".jar"));
    }

    @ParameterizedTest(name = "upgrade halted at {0}")
    @ValueSource(strings = {"storage.snapshot-taken", "storage.migration-applied", "storage.migrated",
            "upgrade.participants-applied", "upgrade.before-commit", "upgrade.committed"})
    void aCrashDuringAnUpgradeThatMigratesLeavesTheOldOrTheNewDataWhole(String point) throws Exception {
        home.restoreData("storage-1");
        Path v2 = jar("2.0.0", "V2__add_note.sql", "ALTER TABLE ITEM ADD NOTE VARCHAR(20); UPDATE ITEM SET NOTE = 'n';",
                "V3__more.sql", "INSERT INTO ITEM(ID, NAME, NOTE) VALUES (2, 'two', 'm');");

        halt(point, "plugin:upgrade " + ID + " " + v2);

        String version = runningVersion();
        if (version.equals("1.0.0")) {
            assertEquals(List.of("1|one"), rows("SELECT ID || '|' || NAME FROM APP.ITEM ORDER BY ID"));
            assertEquals(List.of("1"), history());
        } else {
            assertEquals("2.0.0", version);
            assertEquals(List.of("1|one|n", "2|two|m"), rows("SELECT ID || '|' || NAME || '|' || NOTE FROM APP.ITEM "
                    + "ORDER BY ID"));
            assertEquals(List.of("1", "2", "3"), history());
        }
        assertNoJournal();
    }

    @ParameterizedTest(name = "failed upgrade halted at {0}")
    @ValueSource(strings = {"storage.migration-applied", "storage.restoring"})
    void aCrashWhileAFailedMigrationIsTakenBackLeavesTheOldData(String point) throws Exception {
        home.restoreData("storage-1");
        Path broken = jar("2.0.0", "V2__add_note.sql", "ALTER TABLE ITEM ADD NOTE VARCHAR(20);", "V3__breaks.sql",
                "UPDATE ITEM SET NAME = 'changed'; INSERT INTO ITEM(ID, NAME) VALUES (1, 'duplicate');");

        halt(point, "plugin:upgrade " + ID + " " + broken);

        assertEquals("1.0.0", runningVersion());
        assertEquals(List.of("1|one"), rows("SELECT ID || '|' || NAME FROM APP.ITEM ORDER BY ID"));
        assertEquals(List.of("ID", "NAME"), rows("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE "
                + "TABLE_NAME = 'ITEM' ORDER BY ORDINAL_POSITION"));
        assertEquals(List.of("1"), history());
        assertNoJournal();
    }

    @ParameterizedTest(name = "rollback halted at {0}")
    @ValueSource(strings = {"storage.restoring", "rollback.participants-applied", "rollback.committed"})
    void aCrashDuringARollbackLeavesTheNewOrTheRestoredDataWhole(String point) throws Exception {
        home.restoreData("storage-2");

        halt(point, "plugin:rollback " + ID);

        String version = runningVersion();
        if (version.equals("1.0.0")) {
            assertEquals(List.of("1|one"), rows("SELECT ID || '|' || NAME FROM APP.ITEM ORDER BY ID"));
            assertEquals(List.of("1"), history());
        } else {
            assertEquals("2.0.0", version);
            assertEquals(List.of("1|one|n", "2|two|m"), rows("SELECT ID || '|' || NAME || '|' || NOTE FROM APP.ITEM "
                    + "ORDER BY ID"));
        }
        assertNoJournal();
    }

    @org.junit.jupiter.api.Test
    void aCrashDuringAMigrationOfAPluginThatNeverAsksForItsDatabaseIsSettledAtTheNextStart() throws Exception {
        String quiet = "t.quiet";
        Plinth.Result install = home.batch("plugin:install " + quietJar(quiet, "1.0.0") + " --enable");
        assertEquals(0, install.exit(), install.toString());

        halt("storage.migration-applied", "plugin:upgrade " + quiet + " " + quietJar(quiet, "2.0.0",
                "V2__add_note.sql", "ALTER TABLE ITEM ADD NOTE VARCHAR(20);", "V3__more.sql",
                "INSERT INTO ITEM(ID, NAME) VALUES (2, 'two');"));
        Plinth.Result restarted = home.batch("plugin:list");
        assertEquals(0, restarted.exit(), restarted.toString());

        Path directory = home.data("storage").resolve(quiet);
        assertFalse(Files.exists(directory.resolve("journal.json")), "a journal is left");
        assertFalse(Files.exists(directory.resolve("snapshots").resolve("pending")), "a snapshot is left");
        assertEquals(List.of("1|one"), rowsOf(quiet, "SELECT ID || '|' || NAME FROM APP.ITEM ORDER BY ID"));
        assertEquals(List.of("ID", "NAME"), rowsOf(quiet, "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS "
                + "WHERE TABLE_NAME = 'ITEM' ORDER BY ORDINAL_POSITION"));
    }

    /** A plugin with storage whose code never asks for its DataSource. */
    private static Path quietJar(String id, String version, String... migrations) {
        BundleJar jar = BundleJar.bundle(id, version).requireCapability(REQUIREMENT)
                .entry("db/migration/V1__create.sql", "CREATE TABLE ITEM(ID INT PRIMARY KEY, NAME VARCHAR(20)); "
                        + "INSERT INTO ITEM(ID, NAME) VALUES (1, 'one');");
        for (int i = 0; i < migrations.length; i += 2) {
            jar.entry("db/migration/" + migrations[i], migrations[i + 1]);
        }
        return jar.writeTo(jars.resolve(id + "-" + version + ".jar"));
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
        return rows("SELECT \"version\" FROM APP.\"flyway_schema_history\" WHERE \"success\" AND \"version\" IS "
                + "NOT NULL ORDER BY \"installed_rank\"");
    }

    /** Reads the plugin's database (the runtime stopped) as its admin, from the passwords storage keeps. */
    private static List<String> rows(String sql) throws Exception {
        return rowsOf(ID, sql);
    }

    private static List<String> rowsOf(String id, String sql) throws Exception {
        Path directory = home.data("storage").resolve(id);
        Properties credentials = new Properties();
        try (InputStream in = Files.newInputStream(directory.resolve("credentials.properties"))) {
            credentials.load(in);
        }
        List<String> values = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("db")
                + ";IFEXISTS=TRUE", "PLINTH", credentials.getProperty("admin"));
                Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }
}
