package dev.plinth.storage.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pg_dump and pg_restore of one plugin's schema, as Plinth's role (not a superuser), on a real server. */
class PostgresSnapshotsTest {

    private static PostgresFixture fixture;
    private static PostgresSnapshots snapshots;

    @BeforeAll
    static void start() throws SQLException {
        fixture = new PostgresFixture();
        PostgresClient client = PostgresClient.find(Optional.of(fixture.pg.binaries()), null).orElseThrow();
        snapshots = new PostgresSnapshots(fixture.server, fixture.admin, client);
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void restoreBringsBackTablesRowsSequencesViewsAndOwnersExactlyAndDropsWhatCameAfter(@TempDir Path dir)
            throws Exception {
        PluginRole role = fixture.admin.provision("snap.round");
        PluginRole neighbour = fixture.admin.provision("snap.neighbour");
        try (Connection c = fixture.as(role); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE item (id serial PRIMARY KEY, name text NOT NULL UNIQUE, price numeric(8,2))");
            s.execute("CREATE SEQUENCE ticket START 100");
            s.execute("INSERT INTO item (name, price) SELECT 'item ' || g, g * 1.5 FROM generate_series(1, 500) g");
            s.execute("SELECT nextval('ticket'), nextval('ticket')");
            s.execute("CREATE VIEW cheap AS SELECT name FROM item WHERE price < 10");
            s.execute("CREATE FUNCTION twice(int) RETURNS int LANGUAGE sql AS 'SELECT $1 * 2'");
        }
        try (Connection c = fixture.as(neighbour); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE other (v int)");
            s.execute("INSERT INTO other VALUES (7)");
        }
        String before = describe(role);
        Path file = dir.resolve("before.dump");
        snapshots.snapshot("snap.round", file);
        assertTrue(Files.size(file) > 0);
        assertFalse(Files.exists(dir.resolve("before.dump.tmp")));

        try (Connection c = fixture.as(role); Statement s = c.createStatement()) {
            s.execute("INSERT INTO item (name, price) VALUES ('later', 1)");
            s.execute("UPDATE item SET price = 0 WHERE id < 10");
            s.execute("DROP VIEW cheap");
            s.execute("ALTER TABLE item ADD COLUMN note text");
            s.execute("CREATE TABLE added_later (v int)");
            s.execute("SELECT nextval('ticket')");
        }
        Connection open = fixture.as(role);

        snapshots.restore("snap.round", file);

        assertEquals(before, describe(role));
        assertThrows(SQLException.class, () -> open.createStatement().execute("SELECT 1"),
                "the plugin's sessions were ended before its schema was dropped");
        open.close();
        try (Connection c = fixture.as(role); Statement s = c.createStatement()) {
            s.execute("INSERT INTO item (name, price) VALUES ('after restore', 2)");
            assertEquals("501", single(s, "SELECT max(id) FROM item"), "the serial's sequence goes on from 500");
            assertEquals("102", single(s, "SELECT nextval('ticket')"));
            assertEquals("8", single(s, "SELECT twice(4)"));
        }
        try (Connection c = fixture.as(neighbour); Statement s = c.createStatement()) {
            assertEquals("7", single(s, "SELECT v FROM other"), "another plugin's schema is untouched");
        }
        assertTrue(fixture.admin.exists("snap.round"), "the schema still says whose it is");
    }

    @Test
    void thePluginsOwnSqlRunsAsThePluginNeverAsPlinthsRoleDuringDumpAndRestore(@TempDir Path dir) throws Exception {
        PluginRole role = fixture.admin.provision("snap.hostile");
        try (Connection c = fixture.as(role); Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION escalate() RETURNS boolean LANGUAGE plpgsql AS $$ BEGIN "
                    + "BEGIN EXECUTE 'CREATE ROLE escalated_by_check LOGIN CREATEROLE'; "
                    + "EXCEPTION WHEN OTHERS THEN NULL; END; "
                    + "BEGIN EXECUTE 'GRANT plinth_admin TO ' || quote_ident(session_user::text); "
                    + "EXCEPTION WHEN OTHERS THEN NULL; END; "
                    + "RETURN true; END $$");
            s.execute("CREATE TABLE guarded (v int CHECK (escalate()))");
            s.execute("INSERT INTO guarded VALUES (1), (2)");
        }
        Path file = dir.resolve("hostile.dump");
        snapshots.snapshot("snap.hostile", file);
        snapshots.restore("snap.hostile", file);

        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            assertEquals("0", single(s, "SELECT count(*) FROM pg_roles WHERE rolname = 'escalated_by_check'"));
            assertEquals("0", single(s, "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid "
                    + "WHERE r.rolname = 'plinth_admin'"));
        }
        try (Connection c = fixture.as(role); Statement s = c.createStatement()) {
            assertEquals("2", single(s, "SELECT count(*) FROM guarded"));
        }
    }

    @Test
    void restoreIsRefusedForAnotherPluginsSchemaAndAMissingFile(@TempDir Path dir) throws Exception {
        fixture.admin.provision("snap.mine");
        Path file = dir.resolve("mine.dump");
        snapshots.snapshot("snap.mine", file);
        assertThrows(IOException.class, () -> snapshots.restore("snap.mine", dir.resolve("missing.dump")));
        assertThrows(SQLException.class, () -> snapshots.restore("snap.nobody", file),
                "a plugin without a role gets no schema from another's file");
        assertTrue(fixture.admin.exists("snap.mine"));
    }

    @Test
    void clientProgramsAreFoundInTheNamedFolderOnlyAndTheirAbsenceIsSaidInWords(@TempDir Path empty)
            throws IOException {
        assertTrue(PostgresClient.find(Optional.of(empty), fixture.pg.binaries().toString()).isEmpty());
        assertEquals(fixture.pg.binaries(),
                PostgresClient.find(Optional.empty(), empty + ":" + fixture.pg.binaries()).orElseThrow().bin());
        assertTrue(PostgresClient.find(Optional.of(fixture.pg.binaries()), null).orElseThrow().majorVersion() >= 15);
        String words = PostgresClient.missing(Optional.of(empty));
        assertTrue(words.contains("pg_dump and pg_restore were not found (in " + empty), words);
        assertTrue(words.contains("postgresql.bin"), words);
    }

    /** Every table's columns and rows, sequences' states, views, functions and owners of the plugin's schema. */
    private static String describe(PluginRole role) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement()) {
            String schema = "'" + role.name() + "'";
            lines.add(rows(s, "SELECT nspname, nspowner::regrole, obj_description(oid, 'pg_namespace') "
                    + "FROM pg_namespace WHERE nspname = " + schema));
            lines.add(rows(s, "SELECT c.relname, c.relkind, c.relowner::regrole FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = " + schema
                    + " ORDER BY c.relname"));
            lines.add(rows(s, "SELECT table_name, column_name, data_type, column_default, is_nullable "
                    + "FROM information_schema.columns WHERE table_schema = " + schema
                    + " ORDER BY table_name, ordinal_position"));
            lines.add(rows(s, "SELECT * FROM " + PostgresNames.identifier(role.name()) + ".item ORDER BY id"));
            lines.add(rows(s, "SELECT last_value, is_called FROM " + PostgresNames.identifier(role.name())
                    + ".ticket"));
            lines.add(rows(s, "SELECT last_value, is_called FROM " + PostgresNames.identifier(role.name())
                    + ".item_id_seq"));
            lines.add(rows(s, "SELECT p.proname, p.proowner::regrole, p.prosrc FROM pg_proc p "
                    + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = " + schema));
            lines.add(rows(s, "SELECT definition FROM pg_views WHERE schemaname = " + schema));
        }
        return String.join("\n", lines);
    }

    private static String rows(Statement s, String query) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (ResultSet r = s.executeQuery(query)) {
            ResultSetMetaData meta = r.getMetaData();
            while (r.next()) {
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    out.append(r.getString(i)).append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String single(Statement s, String query) throws SQLException {
        try (ResultSet r = s.executeQuery(query)) {
            assertTrue(r.next(), query);
            return r.getString(1);
        }
    }
}
