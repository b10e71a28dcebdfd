package dev.plinth.storage.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Where plugins' databases live: H2 files under the data directory ({@code H2Backend}) or a schema and role per plugin
 * on a PostgreSQL server ({@code postgres.PostgresBackend}). The storage service calls it on the manager's operation
 * thread and from the DataSource service factory; an implementation is safe for concurrent calls on different plugin
 * ids and serialises calls on the same id. Every method takes the plugin's id (a bundle symbolic name); the backend
 * maps it to its own names (a directory, a sanitised role). Flyway and the plugin always connect as the plugin's own
 * non-admin user; admin rights stay inside the backend.
 */
public interface Backend extends AutoCloseable {

    /**
     * The backend's name as {@code StorageInfo.backend()} shows it: {@code h2} or {@code postgresql}. Constant for
     * the instance's life.
     */
    String name();

    /**
     * Whether a migration that fails leaves the database exactly as before it on its own (the database rolls DDL and
     * data of the failed group of migrations back): true for PostgreSQL, false for H2, whose DDL commits at once. When
     * false, the storage service restores the snapshot it took before migrating; when true, it restores nothing after
     * a failed migration (the snapshot is then only for {@code plugin:rollback} and crash recovery).
     */
    boolean rollsBackFailedMigrations();

    /**
     * Why no snapshot can be taken on this backend now, in words for a plan, or empty when one can (always on H2). On
     * PostgreSQL a snapshot needs the client programs {@code pg_dump} and {@code pg_restore}; without them an upgrade
     * that migrates is refused at plan time with these words (a failed migration would still roll back, but
     * {@code plugin:rollback} and crash recovery after a successful one could not restore the data).
     */
    default Optional<String> snapshotProblem() {
        return Optional.empty();
    }

    /**
     * Whether the plugin's database exists (provisioned and not purged), whether or not it is open. Cheap: no
     * connection is opened for H2 (a file check); PostgreSQL may ask the server. Used to tell a new install from
     * the reattachment of kept data.
     *
     * @param pluginId the plugin's id
     * @return true when {@link #open(String)} would find a database
     */
    boolean exists(String pluginId) throws SQLException, IOException;

    /**
     * The plugin's database to read without writing to it (no file rewritten, for {@code plugin:info} and
     * {@code plugin:storage}), or empty when the backend has no such way or the database is open anyway: then
     * {@link #open(String)} is used.
     *
     * @param pluginId the plugin's id
     */
    default Optional<Database> readOnly(String pluginId) throws SQLException, IOException {
        return Optional.empty();
    }

    /**
     * Why the plugin's kept data cannot be opened although some of it is there (a file of it deleted), in words
     * naming the missing file and what to do, or empty when it is whole or absent. Nothing is deleted or created
     * while such a problem stands: the storage refuses the operation instead.
     *
     * @param pluginId the plugin's id
     * @return the problem, or empty
     */
    default Optional<String> incomplete(String pluginId) {
        return Optional.empty();
    }

    /**
     * Takes the lock on the plugin's data that every runtime sharing this backend's database honours, waiting while
     * another holds it (PostgreSQL: an advisory lock keyed by the plugin's schema, waited for no longer than the
     * migration bound), so that creating the plugin's database, reading how far its migrations went, snapshotting,
     * migrating and restoring it happen on one runtime at a time. Reentrant for the thread that holds it. Nothing to
     * take on H2, whose files belong to one runtime.
     *
     * @param pluginId the plugin's id
     * @return the held lock; {@link Exclusive#close()} releases it
     * @throws SQLException the lock was not free within the bound (in words naming it), or the database refused
     */
    default Exclusive exclusive(String pluginId) throws SQLException {
        return () -> { };
    }

    /** A held {@link #exclusive(String)} lock. */
    interface Exclusive extends AutoCloseable {
        /** Releases the lock; never throws. */
        @Override
        void close();
    }

    /**
     * Creates the plugin's database (H2: the file with an admin user and a non-admin user owning its schema;
     * PostgreSQL: the role and the schema it owns), with generated passwords kept by the backend, and opens it.
     * Idempotent: on a database that exists (kept data being reattached, a repeated install) it creates nothing,
     * keeps the data and the passwords, and returns the same as {@link #open(String)}.
     *
     * @param pluginId the plugin's id
     * @return the database as the plugin's own user sees it, for Flyway and for the plugin's DataSource
     * @throws SQLException the database refused (the message is the database's, to show)
     * @throws IOException the backend's files could not be written
     */
    Database provision(String pluginId) throws SQLException, IOException;

    /**
     * Opens the plugin's existing database as the plugin's own user, never creating it (H2: {@code IFEXISTS=TRUE}).
     * Returns the same pooled {@link Database} to every caller until {@link #close(String)}; H2 keeps one anchor
     * connection open meanwhile so the file is not closed and reopened with each connection. This is the DataSource
     * the plugin gets and the one Flyway and the history-table reads use.
     *
     * @param pluginId the plugin's id
     * @return the open database
     * @throws SQLException the database does not exist or refused the plugin's user
     * @throws IOException the backend's own files (passwords) could not be read
     */
    Database open(String pluginId) throws SQLException, IOException;

    /**
     * Closes what {@link #open(String)} or {@link #provision(String)} opened for the plugin: the pool and its
     * connections; on H2 a {@code SHUTDOWN} so that the file is closed and may be copied or replaced. A later
     * {@link #open(String)} opens it again. Does nothing when nothing is open. Never throws; a failure is logged.
     *
     * @param pluginId the plugin's id
     */
    void close(String pluginId);

    /**
     * Makes what was committed to the plugin's open database durable before the storage service records it as done
     * (H2 writes commits to its file with a delay; PostgreSQL's commits are durable already: nothing to do). Does
     * nothing when the database is not open.
     *
     * @param pluginId the plugin's id
     * @throws SQLException the database refused
     * @throws IOException the backend's own files (passwords) could not be read
     */
    default void sync(String pluginId) throws SQLException, IOException {
    }

    /**
     * Copies the plugin's whole database into {@code directory} (H2: the closed {@code db.mv.db}, written to a
     * temporary name, forced to disk and renamed; PostgreSQL: a dump of the schema). Closes the database first
     * ({@link #close(String)}); it stays closed. The snapshot is complete when this returns, and only then.
     *
     * @param pluginId the plugin's id
     * @param directory an existing directory of the storage service's, empty or holding an older snapshot to replace
     * @throws SQLException the database could not be dumped
     * @throws IOException the snapshot could not be written
     */
    void snapshot(String pluginId, Path directory) throws SQLException, IOException;

    /**
     * Replaces the plugin's database with the snapshot {@link #snapshot(String, Path)} wrote to {@code directory}:
     * afterwards its schema and data are exactly those of the snapshot. Closes the database first; it stays closed.
     * Idempotent: restoring the same snapshot again (after a crash half-way) gives the same result. The snapshot stays
     * in {@code directory}.
     *
     * @param pluginId the plugin's id
     * @param directory a directory holding a complete snapshot of this plugin's database
     * @throws SQLException the dump could not be restored
     * @throws IOException the snapshot could not be read or copied
     */
    void restore(String pluginId, Path directory) throws SQLException, IOException;

    /**
     * The size of the plugin's data in bytes as the operator sees it (H2: the database file; PostgreSQL: the
     * relations of the schema), without snapshots. 0 when there is no database. Never throws: -1 when it cannot be
     * measured.
     *
     * @param pluginId the plugin's id
     */
    long sizeBytes(String pluginId);

    /**
     * Deletes the plugin's database and everything the backend kept for it (H2: the database files and passwords;
     * PostgreSQL: {@code DROP SCHEMA .. CASCADE} and the role). Closes it first. Idempotent: nothing to delete is
     * fine. The storage service deletes its own files in {@code data/storage/<id>/} (journal, record, snapshots)
     * itself, after this.
     *
     * @param pluginId the plugin's id
     * @throws SQLException the database refused
     * @throws IOException files could not be deleted
     */
    void purge(String pluginId) throws SQLException, IOException;

    /**
     * Deletes, as {@link #purge(String)} does, a database this runtime created for an install that is being undone or
     * was interrupted, unless another runtime sharing the database uses it by now (PostgreSQL: sessions of the
     * plugin's role other than this runtime's): then it is kept, and the answer says so. Never the operator's
     * {@code --purge}, which deletes whoever uses the data.
     *
     * @param pluginId the plugin's id
     * @return true when deleted (or nothing was there), false when kept for another runtime
     * @throws SQLException the database refused
     * @throws IOException files could not be deleted
     */
    default boolean discard(String pluginId) throws SQLException, IOException {
        purge(pluginId);
        return true;
    }

    /**
     * Where the plugin's data is, in words for {@code StorageInfo.location()}: the directory of the H2 file, or
     * {@code postgresql://host:port/db schema plugin_x}. Never a password.
     *
     * @param pluginId the plugin's id
     */
    String location(String pluginId);

    /** Closes every open database ({@link #close(String)} for each); called when the storage bundle stops. */
    @Override
    void close();

    /**
     * A plugin's open database as its own user sees it.
     *
     * @param dataSource pooled connections as the plugin's non-admin user, search path / default schema set to
     *        {@code schema}; the same instance until {@link Backend#close(String)}
     * @param schema the schema the plugin owns, where Flyway keeps {@code flyway_schema_history}: {@code APP} on H2,
     *        {@code plugin_<sanitised id>} on PostgreSQL
     */
    record Database(DataSource dataSource, String schema) {
    }
}
