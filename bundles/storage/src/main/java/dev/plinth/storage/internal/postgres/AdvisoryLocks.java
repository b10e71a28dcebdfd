package dev.plinth.storage.internal.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

/**
 * PostgreSQL advisory locks that make work on a plugin's schema happen once at a time across every runtime sharing the
 * storage database: a session lock ({@code pg_advisory_lock}) per schema, held on a connection of its own, and waited
 * for no longer than a bound. Within this runtime the lock is reentrant for the thread that holds it, so that nested
 * steps of one operation (an upgrade that becomes an install, a failed migration's restore) take it again freely. The
 * server releases a lock when its session ends: a runtime that dies (kill -9) frees it as soon as the server sees its
 * connection close. Keys are 64 bits of the SHA-256 of a label and the schema's name, visible in {@code pg_locks}
 * ({@code locktype = 'advisory'}, the key's halves in {@code classid} and {@code objid}).
 */
public final class AdvisoryLocks {

    /** The SQLSTATE of a lock wait beyond {@code lock_timeout}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final String SCHEMA_LABEL = "plinth storage schema ";
    /** The key of the transaction lock around changes of roles, schemas and grants ({@link #lockAdmin}). */
    static final long ADMIN_KEY = key("plinth storage administration");

    private final DataSource connections;
    private final Duration bound;
    private final String where;
    private final Map<String, ReentrantLock> local = new ConcurrentHashMap<>();
    private final Map<String, Connection> held = new ConcurrentHashMap<>();

    /** A held lock; {@link #close()} releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * @param connections unpooled connections as Plinth's role to the storage database, one per held lock
     * @param bound how long to wait for a lock another runtime holds
     * @param where the server and database, for messages
     */
    public AdvisoryLocks(DataSource connections, Duration bound, String where) {
        this.connections = connections;
        this.bound = bound;
        this.where = where;
    }

    /** The key of the advisory lock on schema {@code schema}. */
    public static long schemaKey(String schema) {
        return key(SCHEMA_LABEL + schema);
    }

    /**
     * Takes the lock on schema {@code schema}, waiting at most the bound while another runtime (or another thread of
     * this one) holds it.
     *
     * @throws SQLException when the bound passed, naming the schema and the bound, or the server refused
     */
    public Held lock(String schema) throws SQLException {
        ReentrantLock mine = local.computeIfAbsent(schema, name -> new ReentrantLock());
        long started = System.nanoTime();
        try {
            if (!mine.tryLock(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(schema);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the lock on schema " + schema, e);
        }
        if (mine.getHoldCount() == 1) {
            try {
                held.put(schema, take(schema, bound.minusNanos(System.nanoTime() - started)));
            } catch (SQLException | RuntimeException e) {
                mine.unlock();
                throw e;
            }
        }
        return () -> {
            if (mine.getHoldCount() == 1) {
                Connection connection = held.remove(schema);
                if (connection != null) {
                    release(connection, schema);
                }
            }
            mine.unlock();
        };
    }

    /**
     * Takes, in {@code c}'s open transaction, the lock that serialises changes of roles, schemas and grants across
     * runtimes (two of them granting on the database at once fail with "tuple concurrently updated"); it is released
     * when the transaction ends. Waits as long as the other transaction takes: those changes are short.
     */
    static void lockAdmin(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            p.setLong(1, ADMIN_KEY);
            p.executeQuery().close();
        }
    }

    private Connection take(String schema, Duration wait) throws SQLException {
        Connection c = connections.getConnection();
        try {
            try (Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = " + Math.max(1, wait.toMillis()));
            }
            try (PreparedStatement p = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                p.setLong(1, schemaKey(schema));
                p.executeQuery().close();
            } catch (SQLException e) {
                throw LOCK_NOT_AVAILABLE.equals(e.getSQLState()) ? busy(schema) : e;
            }
            try (Statement s = c.createStatement()) {
                s.execute("SET lock_timeout = 0");
            }
            return c;
        } catch (SQLException | RuntimeException e) {
            try {
                c.close();
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
            throw e;
        }
    }

    private static void release(Connection connection, String schema) {
        try (connection; PreparedStatement p = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            p.setLong(1, schemaKey(schema));
            p.executeQuery().close();
        } catch (SQLException e) {
            // closing the session releases the lock too
        }
    }

    private SQLException busy(String schema) {
        return new SQLException("another runtime sharing " + where + " is changing schema " + schema
                + " (it holds its lock) and did not finish within " + bound.toSeconds() + " s (the storage setting "
                + "migration.timeout.seconds): nothing was changed here; try again", LOCK_NOT_AVAILABLE);
    }

    private static long key(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < Long.BYTES; i++) {
                key = key << 8 | (digest[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
