package dev.plinth.storage.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The advisory locks on plugins' schemas between runtimes (two {@link AdvisoryLocks} on one database, as two runtimes
 * have): one waits for the other, within its bound, and a runtime's own nested steps take the lock again.
 */
class AdvisoryLocksTest {

    private static PostgresFixture fixture;

    @BeforeAll
    static void start() throws SQLException {
        fixture = new PostgresFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    private static AdvisoryLocks runtime(Duration bound) throws SQLException {
        return new AdvisoryLocks(PostgresDataSources.locks(fixture.factory, fixture.server), bound,
                fixture.server.location());
    }

    @Test
    void aSecondRuntimeWaitsUntilTheFirstReleasesTheSchema() throws Exception {
        AdvisoryLocks first = runtime(Duration.ofSeconds(60));
        AdvisoryLocks second = runtime(Duration.ofSeconds(60));
        AdvisoryLocks.Held held = first.lock("plugin_waits");

        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> {
            try (AdvisoryLocks.Held then = second.lock("plugin_waits")) {
                return holders("plugin_waits");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        awaitWaiter("plugin_waits");
        assertFalse(waiting.isDone(), "the second runtime waits while the first holds the lock");

        held.close();
        assertEquals(1, waiting.get(30, TimeUnit.SECONDS), "then holds it alone");
        first.lock("plugin_waits").close();
    }

    @Test
    void aWaitLongerThanTheBoundFailsNamingTheSchemaAndTheSetting() throws Exception {
        AdvisoryLocks first = runtime(Duration.ofSeconds(60));
        AdvisoryLocks impatient = runtime(Duration.ofSeconds(1));
        try (AdvisoryLocks.Held held = first.lock("plugin_bounded")) {
            long started = System.nanoTime();
            SQLException e = assertThrows(SQLException.class, () -> impatient.lock("plugin_bounded"));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(waited >= 900 && waited < 20_000, waited + " ms");
            assertEquals("another runtime sharing " + fixture.server.location() + " is changing schema plugin_bounded "
                    + "(it holds its lock) and did not finish within 1 s (the storage setting "
                    + "migration.timeout.seconds): nothing was changed here; try again", e.getMessage());
        }
        impatient.lock("plugin_bounded").close();
    }

    @Test
    void theLockIsReentrantForItsThreadAndOtherSchemasAreFree() throws Exception {
        AdvisoryLocks mine = runtime(Duration.ofSeconds(60));
        AdvisoryLocks other = runtime(Duration.ofSeconds(1));
        try (AdvisoryLocks.Held outer = mine.lock("plugin_nested")) {
            try (AdvisoryLocks.Held inner = mine.lock("plugin_nested")) {
                assertEquals(1, holders("plugin_nested"));
            }
            assertEquals(1, holders("plugin_nested"), "released only when the outer step ends");
            assertThrows(SQLException.class, () -> other.lock("plugin_nested"));
            other.lock("plugin_neighbour").close();
        }
        assertEquals(0, holders("plugin_nested"));
        assertNotEquals(AdvisoryLocks.schemaKey("plugin_a"), AdvisoryLocks.schemaKey("plugin_b"));
    }

    @Test
    void aRuntimeThatDiesFreesItsLock() throws Exception {
        AdvisoryLocks dying = runtime(Duration.ofSeconds(60));
        dying.lock("plugin_dies");
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE);
                PreparedStatement p = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_locks "
                        + "WHERE locktype = 'advisory' AND granted AND classid::bigint = ? AND objid::bigint = ?")) {
            long key = AdvisoryLocks.schemaKey("plugin_dies");
            p.setLong(1, key >>> 32);
            p.setLong(2, key & 0xffffffffL);
            p.executeQuery().close();
        }
        runtime(Duration.ofSeconds(10)).lock("plugin_dies").close();
    }

    /** Waits, within a bound, until a session waits for the lock of {@code schema}. */
    static void awaitWaiter(String schema) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (count(schema, false) == 0) {
            assertTrue(System.nanoTime() < deadline, "nobody waits for the lock of " + schema);
            Thread.onSpinWait();
        }
    }

    private static int holders(String schema) throws SQLException {
        return count(schema, true);
    }

    private static int count(String schema, boolean granted) throws SQLException {
        long key = AdvisoryLocks.schemaKey(schema);
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE);
                PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                        + "AND granted = ? AND classid::bigint = ? AND objid::bigint = ? AND objsubid = 1")) {
            p.setBoolean(1, granted);
            p.setLong(2, key >>> 32);
            p.setLong(3, key & 0xffffffffL);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }
}
