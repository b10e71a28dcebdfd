package dev.plinth.storage.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.storage.internal.Backend;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL backend as the storage service uses it, on a real server, with Flyway configured as the core does. */
class PostgresBackendTest {

    private static PostgresFixture fixture;
    private static PostgresBackend backend;
    private static final List<String> warnings = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws SQLException {
        fixture = new PostgresFixture();
        backend = new PostgresBackend(fixture.server, fixture.factory, Optional.of(fixture.pg.binaries()), null,
                warnings::add);
    }

    @AfterAll
    static void stop() {
        backend.close();
        fixture.close();
    }

    @Test
    void provisionOpensOnePoolPerPluginAsItsOwnRoleUntilClosed() throws Exception {
        assertFalse(backend.exists("be.pool"));
        assertThrows(SQLException.class, () -> backend.open("be.pool"), "open never creates");
        Backend.Database database = backend.provision("be.pool");
        assertTrue(backend.exists("be.pool"));
        assertEquals(PostgresNames.of("be.pool"), database.schema());
        assertSame(database, backend.open("be.pool"));
        assertSame(database, backend.provision("be.pool"));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals(database.schema(), single(s, "SELECT current_user"));
            s.execute("CREATE TABLE t (v int)");
        }
        backend.close("be.pool");
        assertThrows(RuntimeException.class, () -> database.dataSource().getConnection().close(),
                "a closed pool hands out nothing");
        Backend.Database again = backend.open("be.pool");
        try (Connection c = again.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals("0", single(s, "SELECT count(*) FROM t"));
        }
        assertEquals("postgresql://127.0.0.1:" + fixture.pg.port() + "/plinth schema " + database.schema(),
                backend.location("be.pool"));
        assertTrue(backend.rollsBackFailedMigrations());
        assertEquals("postgresql", backend.name());
    }

    @Test
    void aFailingMigrationInAGroupLeavesSchemaDataAndHistoryAsBefore(@TempDir Path migrations) throws Exception {
        Backend.Database database = backend.provision("be.migrate");
        Files.writeString(migrations.resolve("V1__init.sql"), "CREATE TABLE item (id int PRIMARY KEY, name text);\n"
                + "INSERT INTO item VALUES (1, 'one'), (2, 'two');\n");
        assertEquals(1, flyway(database, migrations).migrate().migrationsExecuted);
        String before = describe(database);

        Files.writeString(migrations.resolve("V2__add_email.sql"), "ALTER TABLE item ADD COLUMN email text;\n"
                + "UPDATE item SET name = 'moved', email = name;\nCREATE TABLE extra (v int);\n");
        Files.writeString(migrations.resolve("V3__fails_half_way.sql"), "INSERT INTO extra VALUES (1);\n"
                + "INSERT INTO item VALUES (1, 'duplicate key', NULL);\n");
        FlywayException e = assertThrows(FlywayException.class, () -> flyway(database, migrations).migrate());
        assertTrue(e.getMessage().contains("V3__fails_half_way") || e.getMessage().contains("duplicate key"),
                e.getMessage());

        assertEquals(before, describe(database));
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals("0", single(s, "SELECT count(*) FROM pg_tables WHERE tablename = 'extra'"));
        }
    }

    @Test
    void snapshotAndRestoreThroughTheBackendCloseThePoolAndBringTheDataBack(@TempDir Path snapshot)
            throws Exception {
        Backend.Database database = backend.provision("be.snap");
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id serial PRIMARY KEY, v text)");
            s.execute("INSERT INTO t (v) VALUES ('kept')");
        }
        backend.snapshot("be.snap", snapshot);
        assertTrue(Files.size(snapshot.resolve(PostgresBackend.DUMP_FILE)) > 0);
        Backend.Database reopened = backend.open("be.snap");
        assertNotEquals(database, reopened, "a snapshot closes the database");
        try (Connection c = reopened.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO t (v) VALUES ('lost')");
            s.execute("CREATE TABLE later (v int)");
        }
        backend.restore("be.snap", snapshot);
        backend.restore("be.snap", snapshot);
        try (Connection c = backend.open("be.snap").dataSource().getConnection(); Statement s = c.createStatement()) {
            assertEquals("kept|", rows(s, "SELECT v FROM t ORDER BY id").strip());
            assertEquals("0", single(s, "SELECT count(*) FROM pg_tables WHERE tablename = 'later'"));
        }
        assertTrue(backend.sizeBytes("be.snap") > 0);
    }

    @Test
    void purgeDeletesTheSchemaAndRoleAndIsIdempotent() throws Exception {
        backend.provision("be.purge");
        backend.purge("be.purge");
        assertFalse(backend.exists("be.purge"));
        assertEquals(0, backend.sizeBytes("be.purge"));
        backend.purge("be.purge");
        assertThrows(SQLException.class, () -> backend.open("be.purge"));
    }

    @Test
    void withoutTheClientProgramsSnapshotsAreRefusedInWordsAndTheRestStillWorks(@TempDir Path empty)
            throws Exception {
        assertEquals(Optional.empty(), backend.snapshotProblem());
        PostgresBackend bare = new PostgresBackend(fixture.server, fixture.factory, Optional.of(empty), null, warnings::add);
        try {
            String problem = bare.snapshotProblem().orElseThrow();
            assertTrue(warnings.stream().anyMatch(w -> w.startsWith(problem)), warnings.toString());
            assertTrue(problem.contains("pg_dump and pg_restore were not found"), problem);
            bare.provision("be.bare");
            IOException e = assertThrows(IOException.class, () -> bare.snapshot("be.bare", empty));
            assertEquals(problem, e.getMessage());
            assertTrue(bare.exists("be.bare"));

            for (String program : List.of("pg_dump", "pg_restore")) {
                Files.createSymbolicLink(empty.resolve(program), fixture.pg.binaries().resolve(program));
            }
            assertEquals(Optional.empty(), bare.snapshotProblem(), "programs installed later are found");
            Path snapshot = Files.createDirectory(empty.resolve("snapshot"));
            bare.snapshot("be.bare", snapshot);
            assertTrue(Files.size(snapshot.resolve(PostgresBackend.DUMP_FILE)) > 0);
        } finally {
            bare.close();
        }
    }

    /** Flyway as the storage service configures it: as the plugin's role, its schema, all pending in one group. */
    private static Flyway flyway(Backend.Database database, Path migrations) {
        return Flyway.configure(PostgresBackendTest.class.getClassLoader()).dataSource(database.dataSource())
                .schemas(database.schema()).defaultSchema(database.schema()).createSchemas(false).cleanDisabled(true)
                .group(true).ignoreMigrationPatterns("").locations("filesystem:" + migrations).load();
    }

    private static String describe(Backend.Database database) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            String schema = "'" + database.schema() + "'";
            return rows(s, "SELECT table_name, column_name, data_type FROM information_schema.columns "
                    + "WHERE table_schema = " + schema + " ORDER BY table_name, ordinal_position")
                    + rows(s, "SELECT * FROM item ORDER BY id")
                    + rows(s, "SELECT installed_rank, version, description, type, checksum, success "
                            + "FROM flyway_schema_history ORDER BY installed_rank");
        }
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
