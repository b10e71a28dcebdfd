package dev.plinth.storage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.storage.internal.postgres.AdvisoryLocks;
import dev.plinth.storage.internal.postgres.PostgresBackend;
import dev.plinth.storage.internal.postgres.PostgresFixture;
import dev.plinth.storage.internal.postgres.PostgresNames;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

import db.migration.V2__Seed_items;
import db.migration.V3__Gate;

/**
 * Two runtimes sharing one PostgreSQL storage database, as the nodes of a fleet do: two storage services in this JVM,
 * each with its own data directory and backend, on the same database. They install and upgrade the same plugin at
 * the same time: one migrates, the other waits for it and finds nothing left to do; each migration runs once, and
 * neither runtime locks the other's plugin out.
 */
class SharedPostgresStorageTest {

    private static final String CREATE = "CREATE TABLE ITEM(ID INT PRIMARY KEY, NAME VARCHAR(50));";
    private static final AtomicInteger PLUGINS = new AtomicInteger();

    private static PostgresFixture fixture;

    @TempDir
    Path dataA;
    @TempDir
    Path dataB;
    @TempDir
    Path dataC;

    private final String id = "shared.plugin" + PLUGINS.incrementAndGet();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private Runtime a;
    private Runtime b;

    /** One runtime's storage: its own data directory, backend and installed bundles; what it logged. */
    private record Runtime(StorageService storage, Map<String, Bundle> installed, List<String> said) {

        Runtime install(Bundle bundle) throws PluginException {
            installed.put(bundle.getSymbolicName(), bundle);
            storage.install(bundle);
            storage.committed(bundle.getSymbolicName());
            return this;
        }

        Runtime upgrade(Bundle bundle) throws PluginException {
            installed.put(bundle.getSymbolicName(), bundle);
            storage.upgrade(bundle);
            storage.committed(bundle.getSymbolicName());
            return this;
        }

        List<String> query(Bundle bundle, String sql) throws Exception {
            DataSource dataSource = storage.dataSource(bundle);
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                List<String> values = new ArrayList<>();
                while (r.next()) {
                    values.add(r.getString(1));
                }
                return values;
            }
        }
    }

    @BeforeAll
    static void server() throws SQLException {
        fixture = new PostgresFixture();
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @BeforeEach
    void start() throws SQLException {
        V3__Gate.reset();
        a = runtime(dataA, Duration.ofSeconds(60));
        b = runtime(dataB, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        V3__Gate.release.countDown();
        threads.shutdownNow();
        a.storage().close();
        b.storage().close();
    }

    private static Runtime runtime(Path data, Duration bound) throws SQLException {
        List<String> said = new CopyOnWriteArrayList<>();
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
        Map<String, Bundle> installed = new ConcurrentHashMap<>();
        Backend backend = new PostgresBackend(fixture.server, fixture.factory, Optional.of(fixture.pg.binaries()),
                null, log::warn, bound);
        return new Runtime(new StorageService(backend, new StorageFiles(data.resolve("storage")),
                new FlywayRunner(true, bound), name -> Optional.ofNullable(installed.get(name)), log), installed, said);
    }

    private FakePlugin v1() {
        return new FakePlugin(id, "1.0.0").sql("V1__create_item.sql", CREATE).javaMigration(V2__Seed_items.class);
    }

    private FakePlugin v2() {
        return new FakePlugin(id, "2.0.0").sql("V1__create_item.sql", CREATE).javaMigration(V2__Seed_items.class)
                .javaMigration(V3__Gate.class);
    }

    private List<String> history() throws SQLException {
        try (Connection c = fixture.superuser(PostgresFixture.DATABASE); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT version FROM " + PostgresNames.identifier(PostgresNames.of(id))
                        + ".flyway_schema_history ORDER BY installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (r.next()) {
                versions.add(r.getString(1));
            }
            return versions;
        }
    }

    private <T> Future<T> meanwhile(CountDownLatch go, Callable<T> work) {
        return threads.submit(() -> {
            go.await();
            return work.call();
        });
    }

    @Test
    void twoRuntimesInstallingThePluginAtOnceBothSucceedAndItsMigrationsRunOnce() throws Exception {
        Bundle onA = v1().bundle();
        Bundle onB = v1().bundle();
        CountDownLatch go = new CountDownLatch(1);
        Future<Runtime> first = meanwhile(go, () -> a.install(onA));
        Future<Runtime> second = meanwhile(go, () -> b.install(onB));
        go.countDown();
        first.get(120, TimeUnit.SECONDS);
        second.get(120, TimeUnit.SECONDS);

        assertEquals(List.of("1", "2"), history(), "each migration ran once");
        assertEquals(List.of("one", "two"), a.query(onA, "SELECT name FROM item ORDER BY id"));
        assertEquals(List.of("one", "two"), b.query(onB, "SELECT name FROM item ORDER BY id"));
        assertEquals(1, a.said().stream().filter(line -> line.contains("is created")).count()
                + b.said().stream().filter(line -> line.contains("is created")).count(),
                "one runtime created the database, the other found it: " + a.said() + " " + b.said());
    }

    @Test
    void neitherRuntimeLocksTheOtherOutWhenItStartsUsingThePlugin() throws Exception {
        Bundle onA = v1().bundle();
        a.install(onA);
        DataSource fromA = a.storage().dataSource(onA);
        try (Connection c = fromA.getConnection()) {
            assertTrue(c.isValid(5));
        }

        Bundle onB = v1().bundle();
        b.install(onB);
        DataSource fromB = b.storage().dataSource(onB);
        Runtime third = runtime(dataC, Duration.ofSeconds(60));
        try {
            Bundle onThird = v1().bundle();
            third.installed().put(id, onThird);
            third.storage().dataSource(onThird).getConnection().close();
            a.storage().released(id);
            fromA = a.storage().dataSource(onA);
            for (DataSource dataSource : List.of(fromA, fromB)) {
                try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                        ResultSet r = s.executeQuery("SELECT count(*) FROM item")) {
                    r.next();
                    assertEquals(2, r.getInt(1));
                }
            }
        } finally {
            third.storage().close();
        }
    }

    @Test
    void anUpgradeOnOneRuntimeMakesTheOtherWaitThenFindNothingToDo() throws Exception {
        a.install(v1().bundle());
        b.install(v1().bundle());
        Bundle upgradedA = v2().bundle();
        Bundle upgradedB = v2().bundle();
        CountDownLatch go = new CountDownLatch(1);

        Future<Runtime> first = meanwhile(go, () -> a.upgrade(upgradedA));
        go.countDown();
        assertTrue(V3__Gate.entered.await(60, TimeUnit.SECONDS), "runtime A migrates");
        Future<Runtime> second = meanwhile(new CountDownLatch(0), () -> b.upgrade(upgradedB));
        awaitWaiter(PostgresNames.of(id));
        assertFalse(second.isDone(), "runtime B waits for A's migration");

        V3__Gate.release.countDown();
        first.get(120, TimeUnit.SECONDS);
        second.get(120, TimeUnit.SECONDS);

        assertEquals(List.of("1", "2", "3"), history(), "V3 ran once");
        assertTrue(a.said().stream().anyMatch(line -> line.contains("is migrated to 2.0.0")), a.said().toString());
        assertFalse(b.said().stream().anyMatch(line -> line.contains("is migrated")), b.said().toString());
        assertNotNull(a.storage().info(id).orElseThrow().rollbackPoint(), "A took the snapshot before migrating");
        assertNull(b.storage().info(id).orElseThrow().rollbackPoint(), "B migrated nothing, so it has no rollback "
                + "point of data it did not change");
        assertEquals(List.of("id", "name", "note"), b.query(upgradedB, "SELECT column_name FROM "
                + "information_schema.columns WHERE table_name = 'item' ORDER BY ordinal_position"));
        assertEquals("3", b.storage().info(id).orElseThrow().schemaVersion());
    }

    @Test
    void anInstallUndoneOnOneRuntimeKeepsTheDatabaseAnotherRuntimeUsesMeanwhile() throws Exception {
        Bundle onA = v1().bundle();
        a.installed().put(id, onA);
        Runnable undo = a.storage().install(onA);
        Bundle onB = v1().bundle();
        b.install(onB);

        try (Connection held = b.storage().dataSource(onB).getConnection()) {
            undo.run();
        }

        assertTrue(a.said().stream().anyMatch(line -> line.contains("is kept although its install was undone")),
                a.said().toString());
        assertEquals(List.of("one", "two"), b.query(onB, "SELECT name FROM item ORDER BY id"));
        assertEquals(List.of("1", "2"), history());
    }

    @Test
    void anInstallUndoneWhileNoOtherRuntimeUsesTheDatabaseDropsIt() throws Exception {
        Bundle onA = v1().bundle();
        a.installed().put(id, onA);
        Runnable undo = a.storage().install(onA);
        a.storage().dataSource(onA).getConnection().close();

        undo.run();

        assertFalse(a.storage().backend().exists(id));
        assertFalse(b.storage().backend().exists(id));
    }

    @Test
    void aRuntimeThatWaitsLongerThanTheBoundFailsAndChangesNothing() throws Exception {
        Runtime impatient = runtime(dataC, Duration.ofSeconds(1));
        try (Connection holder = fixture.superuser(PostgresFixture.DATABASE);
                PreparedStatement p = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
            p.setLong(1, AdvisoryLocks.schemaKey(PostgresNames.of(id)));
            p.executeQuery().close();

            PluginException e = assertThrows(PluginException.class, () -> impatient.install(v1().bundle()));

            assertEquals(Code.MIGRATION_FAILED, e.code());
            assertTrue(e.getMessage().startsWith("the storage of " + id + " cannot be changed now: another runtime "
                    + "sharing " + fixture.server.location() + " is changing schema " + PostgresNames.of(id)),
                    e.getMessage());
            assertFalse(impatient.storage().backend().exists(id), "nothing was created");
            assertFalse(Files.exists(dataC.resolve("storage").resolve(id)), "nor any file");
        } finally {
            impatient.storage().close();
        }
    }

    private static void awaitWaiter(String schema) throws Exception {
        long key = AdvisoryLocks.schemaKey(schema);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection c = fixture.superuser(PostgresFixture.DATABASE);
                    PreparedStatement p = c.prepareStatement("SELECT count(*) FROM pg_locks WHERE locktype = "
                            + "'advisory' AND NOT granted AND classid::bigint = ? AND objid::bigint = ?")) {
                p.setLong(1, key >>> 32);
                p.setLong(2, key & 0xffffffffL);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    if (r.getInt(1) > 0) {
                        return;
                    }
                }
            }
            assertTrue(System.nanoTime() < deadline, "nobody waits for the lock of " + schema);
        }
    }
}
