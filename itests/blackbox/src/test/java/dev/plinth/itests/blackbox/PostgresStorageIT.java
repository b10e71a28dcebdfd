package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.common.testing.ThrowawayPostgres;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution with plugin storage on PostgreSQL, set up as docs/storage.md tells an operator: a role that is not a
 * superuser owning the database, {@code etc/dev.plinth.storage.cfg.json} whose password refers to an environment
 * variable, the client programs named. A plugin's data lands in a schema and role of its own, survives a restart and a
 * removal, and the password shows nowhere. A second runtime on the same database shares the plugin's data: it runs no
 * migration again, and neither runtime locks the other's plugin out (a plugin role's password is derived, the same on
 * both).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresStorageIT {

    private static final String ID = "test.pg.writer";
    private static final String SECRET = "pg-" + UUID.randomUUID();
    private static final String REQUIREMENT =
            "osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\"";

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path unpacked;
    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    static Path unpackedSecond;

    private static ThrowawayPostgres pg;
    private static Plinth plinth;
    private static Path plugin;
    private static final List<String> seen = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        pg = ThrowawayPostgres.start();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE plinth_admin LOGIN CREATEROLE PASSWORD '" + SECRET + "'");
            s.execute("CREATE DATABASE plinth OWNER plinth_admin");
        }
        plinth = runtime(unpacked);
        plugin = BundleJar.bundle(ID, "1.0.0").activator(StorageWriterActivator.class)
                .imports("org.osgi.framework,javax.sql").requireCapability(REQUIREMENT)
                .entry("db/migration/V1__create_note.sql", "CREATE TABLE note(id serial PRIMARY KEY, text text);")
                .writeTo(unpacked.resolve(ID + ".jar"));
    }

    /** A runtime unpacked into {@code directory}, its storage on the test's PostgreSQL database. */
    private static Plinth runtime(Path directory) throws Exception {
        Plinth runtime = new Plinth(Distribution.unpack(directory));
        Files.writeString(runtime.home().resolve("etc/dev.plinth.storage.cfg.json"), "{\n"
                + "  \"backend\": \"postgresql\",\n  \"host\": \"" + pg.host() + "\",\n  \"port:Integer\": " + pg.port()
                + ",\n  \"database\": \"plinth\",\n  \"user\": \"plinth_admin\",\n"
                + "  \".password\": \"$[env:PLINTH_PG_PASSWORD]\",\n  \"postgresql.bin\": \"" + pg.binaries()
                + "\"\n}\n");
        return runtime.env("PLINTH_PG_PASSWORD", SECRET);
    }

    /** The password docs/storage.md says a plugin role has: HMAC-SHA256 keyed by Plinth's role's password. */
    private static String derivedPassword(String role) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return java.util.HexFormat.of().formatHex(mac.doFinal(("plinth storage: password of a plugin's role, v1\0"
                + "plinth\0" + role).getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        if (pg != null) {
            pg.close();
        }
    }

    private static Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.superuser(), pg.superuserPassword());
    }

    private static List<String> query(String sql) throws SQLException {
        try (Connection c = superuser("plinth"); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (r.next()) {
                values.add(r.getString(1));
            }
            return values;
        }
    }

    private static String schema() throws SQLException {
        List<String> names = query("SELECT nspname FROM pg_namespace "
                + "WHERE obj_description(oid, 'pg_namespace') = 'plinth plugin storage of " + ID + "'");
        assertEquals(1, names.size(), names.toString());
        return names.get(0);
    }

    private static Plinth.Result exec(String program) throws Exception {
        Plinth.Result result = plinth.exec(program);
        seen.add(result.out());
        seen.add(result.err());
        return result;
    }

    @Test
    @Order(1)
    void anInstalledPluginGetsASchemaAndARoleOfItsOwn() throws Exception {
        exec("plugin:install --enable " + plugin);

        String schema = schema();
        assertTrue(schema.startsWith("plugin_test_pg_writer__"), schema);
        assertEquals(List.of("started"), query("SELECT text FROM \"" + schema + "\".note"));
        assertEquals(List.of(schema, schema), query("SELECT tableowner FROM pg_tables WHERE schemaname = '" + schema
                + "' ORDER BY tablename"), "note and flyway_schema_history belong to the plugin's role");
        assertEquals(List.of("f f f f"), query("SELECT concat_ws(' ', rolsuper, rolcreaterole, rolcreatedb, "
                + "rolinherit) FROM pg_roles WHERE rolname = '" + schema + "'"));
    }

    @Test
    @Order(2)
    void theDataSurvivesARestartAndTheRoleKeepsItsDerivedPassword() throws Exception {
        String schema = schema();

        exec("plugin:list");

        assertEquals(List.of("started", "started"), query("SELECT text FROM \"" + schema + "\".note ORDER BY id"));
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl("plinth"), schema, derivedPassword(schema))) {
            assertTrue(c.isValid(5), "the role's password is the one derived from Plinth's, stored nowhere");
        }
    }

    @Test
    @Order(3)
    void thePasswordOfPlinthsRoleShowsNowhere() throws Exception {
        Plinth.Result info = exec("scr:info dev.plinth.storage.internal.StorageComponent");

        assertTrue(info.out().lines().anyMatch(line -> line.contains(".password") && line.contains("(secret)")),
                info.toString());
        String derived = derivedPassword(schema());
        for (String text : seen) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains(derived), text);
        }
        try (var files = Files.walk(plinth.home())) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".jar"))
                    .toList()) {
                String content = Files.readString(file, StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(SECRET), file.toString());
                assertFalse(content.contains(derived), file.toString());
            }
        }
    }

    @Test
    @Order(4)
    void aSecondRuntimeOnTheDatabaseSharesTheDataWithoutMigratingAgainOrLockingTheFirstOut() throws Exception {
        String schema = schema();
        int rows = query("SELECT text FROM \"" + schema + "\".note").size();
        Plinth.Running first = plinth.start();
        try {
            first.awaitReady();
            awaitRows(schema, rows + 1);

            Plinth second = runtime(unpackedSecond);
            Plinth.Result installed = second.exec("plugin:install --enable " + plugin);
            seen.add(installed.out());
            seen.add(installed.err());
            awaitRows(schema, rows + 2);

            first.write("plugin:disable " + ID + "\nplugin:enable " + ID + "\n");
            awaitRows(schema, rows + 3);
            first.closeInput();
            Plinth.Result result = first.await(Plinth.BOUND);
            seen.add(result.out());
            seen.add(result.err());
            assertEquals(0, result.exit(), result.toString());
            assertFalse(result.out().contains("Error"), "the first runtime's plugin opened new connections after "
                    + "the second runtime started using it: " + result);
        } finally {
            first.kill();
        }
        assertEquals(List.of("1"), query("SELECT version FROM \"" + schema + "\".flyway_schema_history"),
                "the second runtime found the migration applied and ran it not again");
    }

    /** Waits, within a bound, until the plugin's table holds {@code count} rows (one per start of the plugin). */
    private static void awaitRows(String schema, int count) throws Exception {
        long deadline = System.nanoTime() + Plinth.BOUND.toNanos();
        while (query("SELECT text FROM \"" + schema + "\".note").size() < count) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + count + " rows in " + schema + ".note");
            Thread.sleep(100);
        }
        assertEquals(count, query("SELECT text FROM \"" + schema + "\".note").size());
    }

    @Test
    @Order(5)
    void aRemovalKeepsTheSchema() throws Exception {
        String schema = schema();
        int rows = query("SELECT text FROM \"" + schema + "\".note").size();

        exec("plugin:remove " + ID);

        assertEquals(List.of(), plinth.managed());
        assertEquals(List.of(String.valueOf(rows + 1)), query("SELECT count(*) FROM \"" + schema + "\".note"),
                "the rows of every start, the one before the removal too, are kept");
        assertEquals(List.of(schema), query("SELECT rolname FROM pg_roles WHERE rolname = '" + schema + "'"));
    }
}
