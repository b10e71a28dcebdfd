package dev.plinth.storage.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Roles and schemas per plugin on a real PostgreSQL server, administered as a role that is not a superuser. */
class PostgresAdminTest {

    private static PostgresFixture fixture;

    @BeforeAll
    static void start() throws SQLException {
        fixture = new PostgresFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void provisionGivesALoginRoleWithoutPrivilegesOwningItsSchemaAsSearchPath() throws SQLException {
        PluginRole role = fixture.admin.provision("provisioned");
        assertEquals("plugin_provisioned", role.name());
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT rolcanlogin, rolsuper, rolcreatedb, rolcreaterole, rolinherit, "
                        + "rolreplication, rolbypassrls, (SELECT nspowner::regrole::text FROM pg_namespace "
                        + "WHERE nspname = 'plugin_provisioned') FROM pg_roles WHERE rolname = 'plugin_provisioned'")) {
            assertTrue(r.next());
            assertEquals(List.of(true, false, false, false, false, false, false),
                    List.of(r.getBoolean(1), r.getBoolean(2), r.getBoolean(3), r.getBoolean(4), r.getBoolean(5),
                            r.getBoolean(6), r.getBoolean(7)));
            assertEquals("plugin_provisioned", r.getString(8));
        }
        try (Connection c = fixture.as(role); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE notes (id serial PRIMARY KEY, text varchar(100))");
            s.execute("INSERT INTO notes (text) VALUES ('hello')");
            assertEquals("plugin_provisioned", single(s, "SELECT table_schema FROM information_schema.tables "
                    + "WHERE table_name = 'notes'"));
            assertEquals("plugin_provisioned", single(s, "SHOW search_path").replace("\"", ""));
        }
        assertTrue(fixture.admin.exists("provisioned"));
        assertTrue(fixture.admin.size("provisioned") > 0, "a table with a row and an index takes room");
        assertFalse(fixture.admin.exists("never.provisioned"));
        assertEquals(0, fixture.admin.size("never.provisioned"));
    }

    @Test
    void aPluginsRoleCannotReachAnotherPluginsSchemaNorWidenItsRights() throws SQLException {
        PluginRole a = fixture.admin.provision("iso.a");
        PluginRole b = fixture.admin.provision("iso.b");
        try (Connection c = fixture.as(b); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE secrets (v text)");
            s.execute("INSERT INTO secrets VALUES ('b only')");
        }
        String schemaB = PostgresNames.identifier(b.name());
        try (Connection c = fixture.as(a); Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            assertDenied(s, "SELECT * FROM " + schemaB + ".secrets", "permission denied for schema");
            assertDenied(s, "CREATE TABLE " + schemaB + ".planted (v text)", "permission denied for schema");
            assertDenied(s, "SET ROLE " + schemaB, "permission denied to set role");
            assertDenied(s, "SET ROLE " + PostgresFixture.ADMIN, "permission denied to set role");
            assertDenied(s, "SET SESSION AUTHORIZATION " + PostgresFixture.ADMIN, "permission denied");
            assertDenied(s, "CREATE TABLE public.planted (v text)", "permission denied for schema public");
            assertDenied(s, "CREATE SCHEMA another", "permission denied for database");
            assertDenied(s, "CREATE ROLE another", "permission denied to create role");
            assertDenied(s, "CREATE DATABASE another", "permission denied to create database");
            assertDenied(s, "SELECT pg_read_file('postgresql.conf')", "permission denied for function");
            assertDenied(s, "COPY (SELECT 1) TO '/tmp/plinth-leak'", "pg_write_server_files");
            assertDenied(s, "ALTER ROLE " + schemaB + " PASSWORD 'taken'", "permission denied");
            // What isolation does not hide: the catalogs name every schema (not their content).
            assertEquals(b.name(), single(s, "SELECT nspname FROM pg_namespace WHERE nspname = '" + b.name() + "'"));
        }
        SQLException wrongPassword = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(fixture.server.jdbcUrl(), b.name(), a.password()).close());
        assertTrue(wrongPassword.getMessage().contains("password authentication failed"),
                wrongPassword.getMessage());
        try (Connection c = fixture.as(b); Statement s = c.createStatement()) {
            assertEquals("b only", single(s, "SELECT v FROM secrets"));
            assertEquals("0", single(s, "SELECT count(*) FROM pg_tables WHERE tablename = 'planted'"));
        }
    }

    @Test
    void theDatabaseIsClosedToRolesPlinthDidNotGrantIt() throws SQLException {
        try (Connection c = fixture.superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE stranger LOGIN PASSWORD 'stranger'");
        }
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(fixture.server.jdbcUrl(), "stranger", "stranger").close());
        assertTrue(e.getMessage().contains("permission denied for database"), e.getMessage());
    }

    @Test
    void provisionAgainKeepsTheDataAndThePassword() throws SQLException {
        PluginRole first = fixture.admin.provision("again");
        try (Connection c = fixture.as(first); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE kept (v int)");
            s.execute("INSERT INTO kept VALUES (42)");
        }
        PluginRole second = fixture.admin.provision("again");
        assertEquals(first, second);
        try (Connection c = fixture.as(first); Statement s = c.createStatement()) {
            assertEquals("42", single(s, "SELECT v FROM kept"));
        }
    }

    @Test
    void twoRuntimesProvisioningThePluginAtOnceBothGetItsRoleWithTheSamePassword() throws Exception {
        PostgresAdmin other = new PostgresAdmin(PostgresDataSources.admin(fixture.factory, fixture.server),
                PostgresFixture.ADMIN_PASSWORD);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String id = "both.at.once." + round;
                CountDownLatch go = new CountDownLatch(1);
                Future<PluginRole> mine = pool.submit(() -> {
                    go.await();
                    return fixture.admin.provision(id);
                });
                Future<PluginRole> theirs = pool.submit(() -> {
                    go.await();
                    return other.provision(id);
                });
                go.countDown();
                PluginRole a = mine.get(60, TimeUnit.SECONDS);
                PluginRole b = theirs.get(60, TimeUnit.SECONDS);
                assertEquals(a, b);
                try (Connection c = fixture.as(a)) {
                    assertTrue(c.isValid(5));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPluginsPasswordIsDerivedFromPlinthsAndTellsNothingOfIt() throws SQLException {
        PluginRole role = fixture.admin.provision("derived");
        RolePasswords same = new RolePasswords(PostgresFixture.ADMIN_PASSWORD);
        assertEquals(same.of(PostgresFixture.DATABASE, role.name()), role.password());
        assertEquals(64, role.password().length());
        assertFalse(role.password().contains(PostgresFixture.ADMIN_PASSWORD));
        assertNotEquals(role.password(), same.of(PostgresFixture.DATABASE, "plugin_other"));
        assertNotEquals(role.password(), same.of("other_database", role.name()));
        assertNotEquals(role.password(), new RolePasswords("another").of(PostgresFixture.DATABASE, role.name()));
    }

    @Test
    void withoutAPasswordOfPlinthsRoleEachProvisionSetsARandomOne() throws SQLException {
        PostgresAdmin trusted = new PostgresAdmin(PostgresDataSources.admin(fixture.factory, fixture.server), "");
        assertFalse(trusted.sharedPasswords());
        assertTrue(fixture.admin.sharedPasswords());
        PluginRole first = trusted.provision("random");
        PluginRole second = trusted.provision("random");
        assertNotEquals(first.password(), second.password());
        assertThrows(SQLException.class, () -> fixture.as(first).close());
        fixture.as(second).close();
    }

    @Test
    void provisionAgainGivesBackTheConnectGrantAndSearchPathADatabaseRestoredFromADumpLacks() throws SQLException {
        PluginRole first = fixture.admin.provision("regranted");
        try (Connection c = fixture.as(first); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE mine (v int)");
        }
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            s.execute("REVOKE CONNECT ON DATABASE plinth FROM plugin_regranted");
            s.execute("ALTER ROLE plugin_regranted IN DATABASE plinth RESET search_path");
        }

        PluginRole again = fixture.admin.provision("regranted");

        try (Connection c = fixture.as(again); Statement s = c.createStatement()) {
            assertEquals("0", single(s, "SELECT count(*) FROM mine"));
        }
    }

    @Test
    void purgeDeletesSchemaAndRoleEndingTheirSessionsAndAProvisionAfterStartsEmpty() throws SQLException {
        PluginRole role = fixture.admin.provision("purged");
        Connection open = fixture.as(role);
        try (Statement s = open.createStatement()) {
            s.execute("CREATE TABLE t (v int)");
            s.execute("INSERT INTO t VALUES (1)");
        }
        fixture.admin.purge("purged");
        assertThrows(SQLException.class, () -> open.createStatement().execute("SELECT 1"),
                "the plugin's session was ended");
        open.close();
        assertFalse(fixture.admin.exists("purged"));
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            assertEquals("0", single(s, "SELECT count(*) FROM pg_roles WHERE rolname = 'plugin_purged'"));
            assertEquals("0", single(s, "SELECT count(*) FROM pg_namespace WHERE nspname = 'plugin_purged'"));
        }
        fixture.admin.purge("purged");
        PluginRole again = fixture.admin.provision("purged");
        try (Connection c = fixture.as(again); Statement s = c.createStatement()) {
            assertEquals("0", single(s, "SELECT count(*) FROM pg_tables WHERE schemaname = 'plugin_purged'"));
        }
    }

    @Test
    void hostileIdsGetDistinctQuotedNamesOfAtMost63BytesAndStayApart() throws SQLException {
        List<String> ids = List.of("q\"uote", "semi\"; DROP ROLE plinth_admin; --", "back\\slash'quote",
                "dots.in.id", "dots_in_id", "Dots.In.Id", "ünïcödé.plugin", "x".repeat(300), "x".repeat(301),
                "plain_" + "y".repeat(56), "plain_" + "y".repeat(57));
        Set<String> names = new HashSet<>();
        List<PluginRole> roles = new ArrayList<>();
        for (String id : ids) {
            PluginRole role = fixture.admin.provision(id);
            assertTrue(role.name().getBytes(StandardCharsets.UTF_8).length <= 63, role.name());
            assertTrue(role.name().matches("plugin_[a-z0-9_]+"), role.name());
            assertTrue(names.add(role.name()), "two ids share " + role.name());
            roles.add(role);
            try (Connection c = fixture.as(role); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE mine (id text)");
                try (PreparedStatement p = c.prepareStatement("INSERT INTO mine VALUES (?)")) {
                    p.setString(1, id);
                    p.executeUpdate();
                }
            }
            assertTrue(fixture.admin.exists(id), id);
        }
        for (int i = 0; i < ids.size(); i++) {
            try (Connection c = fixture.as(roles.get(i)); Statement s = c.createStatement()) {
                assertEquals(ids.get(i), single(s, "SELECT id FROM mine"));
            }
        }
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            assertEquals("1", single(s, "SELECT count(*) FROM pg_roles WHERE rolname = 'plinth_admin'"));
        }
        for (String id : ids) {
            fixture.admin.purge(id);
            assertFalse(fixture.admin.exists(id), id);
        }
    }

    @Test
    void aSchemaOrRoleOfThatNameThatIsNotThisPluginsIsRefusedNotTakenOver() throws SQLException {
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE plugin_squatted LOGIN SUPERUSER PASSWORD 'x'");
            s.execute("CREATE SCHEMA plugin_foreign");
            s.execute("CREATE ROLE plugin_other_id");
            s.execute("CREATE SCHEMA plugin_other_id AUTHORIZATION plugin_other_id");
            s.execute("COMMENT ON SCHEMA plugin_other_id IS 'plinth plugin storage of other.id'");
        }
        SQLException squatted = assertThrows(SQLException.class, () -> fixture.admin.provision("squatted"));
        assertTrue(squatted.getMessage().contains("role named plugin_squatted exists and is not Plinth's"),
                squatted.getMessage());
        SQLException foreign = assertThrows(SQLException.class, () -> fixture.admin.provision("foreign"));
        assertTrue(foreign.getMessage().contains("schema named plugin_foreign exists"), foreign.getMessage());
        SQLException other = assertThrows(SQLException.class, () -> fixture.admin.provision("other_id"));
        assertTrue(other.getMessage().contains("belongs to other.id"), other.getMessage());
        fixture.admin.purge("foreign");
        assertThrows(SQLException.class, () -> fixture.admin.purge("other_id"));
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            assertEquals("3", single(s, "SELECT count(*) FROM pg_namespace "
                    + "WHERE nspname IN ('plugin_foreign', 'plugin_other_id') OR nspname = 'plugin_squatted' "
                    + "OR (nspname = 'public')"));
            assertEquals("t", single(s, "SELECT rolsuper FROM pg_roles WHERE rolname = 'plugin_squatted'"));
        }
    }

    @Test
    void manyPluginsProvisionedAtOnceAllGetTheirSchema() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("together." + i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(ids.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PluginRole>> roles = new ArrayList<>();
            for (String id : ids) {
                roles.add(pool.submit(() -> {
                    go.await();
                    return fixture.admin.provision(id);
                }));
            }
            go.countDown();
            for (Future<PluginRole> role : roles) {
                try (Connection c = fixture.as(role.get(60, TimeUnit.SECONDS))) {
                    assertTrue(c.isValid(5));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (String id : ids) {
            assertTrue(fixture.admin.exists(id), id);
        }
    }

    @Test
    void aRoleGivenMoreRightsSinceIsNotHandedToThePluginAgain() throws SQLException {
        fixture.admin.provision("widened");
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            s.execute("ALTER ROLE plugin_widened CREATEDB");
        }
        SQLException e = assertThrows(SQLException.class, () -> fixture.admin.provision("widened"));
        assertTrue(e.getMessage().contains("more than a plugin's rights"), e.getMessage());
    }

    private static void assertDenied(Statement s, String sql, String expected) {
        SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
        assertTrue(e.getMessage().contains(expected), sql + ": " + e.getMessage());
    }

    private static String single(Statement s, String query) throws SQLException {
        try (ResultSet r = s.executeQuery(query)) {
            assertTrue(r.next(), query);
            return r.getString(1);
        }
    }
}
