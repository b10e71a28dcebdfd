package dev.plinth.storage.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.api.storage.StorageInfo.AppliedMigration;
import dev.plinth.api.storage.StorageInfo.RollbackPoint;
import dev.plinth.common.FaultPoints;

/**
 * The plugins' storage: databases provisioned, migrated, snapshotted and restored through a {@link Backend}, with a
 * journal per plugin so that a crash at any point gives the old or the new data at the next start, never a mix. The
 * manager's operations reach it through {@link StorageParticipant}; plugins through {@link PluginDataSources}.
 * Calls on one plugin are serialised; an install, upgrade or rollback, their undo, a recovery and a purge hold the
 * backend's lock on the plugin's data ({@link Backend#exclusive}), so that runtimes sharing a PostgreSQL database do
 * that work one at a time and each finds what the one before did (migrations applied: nothing left to do).
 */
final class StorageService {

    static final String SNAPSHOT_TAKEN = "storage.snapshot-taken";
    static final String MIGRATED = "storage.migrated";
    static final String RESTORING = "storage.restoring";
    /**
     * How long a database opened by a plan's check or an operation stays open for the steps that follow (the
     * operation's apply and commit, the plugin's start after an enable) before it is closed, unless taken again.
     */
    static final long IDLE_CLOSE_MILLIS = 2000;
    /** How many of the first and of the last migrations a plan names when it would run more than twice as many. */
    static final int SHOWN = 5;

    private final Backend backend;
    private final StorageFiles files;
    private final FlywayRunner flyway;
    private final Function<String, Optional<Bundle>> installed;
    private final StorageLog log;
    /** The plugins whose DataSource is handed out: their database stays open. */
    private final Set<String> inUse = ConcurrentHashMap.newKeySet();
    /** What {@code apply} did per plugin, for {@code committed}. */
    private final Map<String, Journal> applied = new ConcurrentHashMap<>();
    /** The plugins whose removal with purge moved their files aside, until it commits. */
    private final Set<String> purging = ConcurrentHashMap.newKeySet();
    /** The version of each plugin a checked plan changes, before it changes. */
    private final Map<String, String> versionsBefore = new ConcurrentHashMap<>();
    /** The schema version each plugin's {@code apply} left, read while its database was open, for {@code committed}. */
    private final Map<String, Optional<String>> schemaAfter = new ConcurrentHashMap<>();
    /** The plugins whose database closes a little later (see {@link #releaseLater}), each with its pending close. */
    private final Map<String, Object> closing = new ConcurrentHashMap<>();
    private ScheduledThreadPoolExecutor closer;

    /**
     * @param installed the installed bundle of a plugin id, if any
     */
    StorageService(Backend backend, StorageFiles files, FlywayRunner flyway,
            Function<String, Optional<Bundle>> installed, StorageLog log) {
        this.backend = backend;
        this.files = files;
        this.flyway = flyway;
        this.installed = installed;
        this.log = log;
    }

    Backend backend() {
        return backend;
    }

    // ---- plan time

    /** The notes of an install of {@code id} from {@code archive}; refuses a downgrade of kept data or an edit. */
    synchronized List<String> planInstall(String id, String version, ArchiveMigrations archive)
            throws PluginException {
        recover(id);
        refuseIncomplete(id, version);
        List<MigrationName> names = names(id, version, archive);
        if (!exists(id)) {
            return List.of("storage: a new database" + migrations(names));
        }
        return planChange(id, version, archive, names, "storage: kept data reattached ("
                + kib(backend.sizeBytes(id)) + ")");
    }

    /** The notes of an upgrade of {@code id} to {@code archive}'s version. */
    synchronized List<String> planUpgrade(String id, String version, ArchiveMigrations archive)
            throws PluginException {
        recover(id);
        installed.apply(id).ifPresent(bundle -> versionsBefore.put(id, bundle.getVersion().toString()));
        refuseIncomplete(id, version);
        List<MigrationName> names = names(id, version, archive);
        if (!exists(id)) {
            return List.of("storage: a new database" + migrations(names));
        }
        return planChange(id, version, archive, names, null);
    }

    private List<String> planChange(String id, String version, ArchiveMigrations archive, List<MigrationName> names,
            String first) throws PluginException {
        try {
            Backend.Database database = open(id);
            try {
                String stored = HistoryTable.version(database);
                refuseDowngrade(id, version, names, stored);
                Optional<String> problem = flyway.validate(database, archive);
                if (problem.isPresent()) {
                    throw new PluginException(Code.INCOMPATIBLE, id + " " + version
                            + ": its migrations do not match the ones applied to its data: " + problem.get());
                }
                List<MigrationName> pending = after(names, stored);
                List<String> notes = new ArrayList<>();
                if (first != null) {
                    notes.add(first);
                }
                if (!pending.isEmpty()) {
                    Optional<String> noSnapshot = backend.snapshotProblem();
                    if (noSnapshot.isPresent()) {
                        throw new PluginException(Code.MIGRATION_FAILED, id + " " + version + ": its data cannot be "
                                + "snapshotted before its migrations run: " + noSnapshot.get());
                    }
                    notes.add("storage:" + migrations(pending).substring(1));
                    if (first == null) {
                        notes.add("storage: plugin:rollback restores the data of before this upgrade; writes made "
                                + "after it are lost");
                    }
                } else if (first == null) {
                    notes.add("storage: no migration");
                }
                return notes;
            } finally {
                releaseLater(id);
            }
        } catch (SQLException | IOException e) {
            throw new PluginException(Code.MIGRATION_FAILED, "the storage of " + id + " cannot be read: "
                    + e.getMessage(), List.of(), e);
        }
    }

    /** The notes of a rollback of {@code id} to {@code version}; empty when its data has no rollback point for it. */
    synchronized Optional<String> planRollback(String id, String version) throws PluginException {
        recover(id);
        RollbackPoint point = rollbackPointFor(id, version);
        if (point == null) {
            return Optional.empty();
        }
        refuseIncomplete(id, version);
        return Optional.of("storage: data restored to before the upgrade to " + point.toVersion() + " (taken "
                + point.taken() + "); writes since then are lost");
    }

    /** The note of an upgrade of {@code id} to a version that does not ask for storage: its data stays, unused. */
    synchronized Optional<String> planUnused(String id, String version) {
        if (!files.exists(id)) {
            return Optional.empty();
        }
        return Optional.of("storage: data kept (" + kib(backend.sizeBytes(id)) + "), unused by " + version
                + ", which does not ask for storage; plugin:remove --purge deletes it");
    }

    /** The note of a removal of {@code id}: kept with its size, or deleted. */
    synchronized Optional<String> planRemove(String id, boolean purge) throws PluginException {
        if (!files.exists(id)) {
            return Optional.empty();
        }
        if (purge) {
            try {
                files.checkDeletable(id);
            } catch (IOException e) {
                throw new PluginException(Code.IO_ERROR, "the storage of " + id + " cannot be deleted: "
                        + e.getMessage(), List.of(), e);
            }
        }
        Optional<String> incomplete = backend.incomplete(id);
        if (incomplete.isPresent() && !purge) {
            return Optional.of("storage: data kept, incomplete: " + incomplete.get());
        }
        return Optional.of(purge ? "storage: data deleted (--purge)" : "storage: data kept ("
                + kib(backend.sizeBytes(id)) + ")");
    }

    // ---- apply

    /**
     * Creates the database of a newly installed plugin (or reattaches kept data) and migrates it with the bundle's
     * migrations. On failure nothing is left (new) or the data is as before (kept).
     */
    synchronized Runnable install(Bundle bundle) throws PluginException {
        try (Backend.Exclusive held = exclusive(bundle.getSymbolicName())) {
            return installHeld(bundle);
        }
    }

    private Runnable installHeld(Bundle bundle) throws PluginException {
        String id = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        recover(id);
        refuseIncomplete(id, version);
        if (exists(id)) {
            return migrateExisting(id, Journal.INSTALL, null, version, bundle);
        }
        try {
            for (String orphan : List.of(StorageFiles.PENDING, StorageFiles.ROLLBACK, StorageFiles.UNDO)) {
                files.deleteSnapshot(id, orphan);
            }
            files.write(id, new Journal(Journal.INSTALL, null, version, Journal.PROVISIONING, null, true));
            closing.remove(id);
            Backend.Database database = backend.provision(id);
            BundleMigrations migrations = new BundleMigrations(bundle);
            try {
                flyway.migrate(database, migrations, () -> backend.close(id));
            } catch (FlywayRunner.MigrationFailure e) {
                purgeQuietly(id);
                throw failed(id, version, e.getMessage(), e);
            }
            schemaAfter.put(id, Optional.ofNullable(HistoryTable.version(database)));
            backend.sync(id);
            FaultPoints.reach(MIGRATED);
            Journal done = new Journal(Journal.INSTALL, null, version, Journal.MIGRATED, null, true);
            files.write(id, done);
            applied.put(id, done);
            log.info("the storage of " + id + " " + version + " is created (" + backend.location(id) + ")");
        } catch (SQLException | IOException e) {
            purgeQuietly(id);
            throw new PluginException(Code.MIGRATION_FAILED, "the storage of " + id + " cannot be created: "
                    + e.getMessage(), List.of(), e);
        }
        return () -> {
            synchronized (this) {
                applied.remove(id);
                schemaAfter.remove(id);
                purgeQuietly(id);
            }
        };
    }

    /** Migrates the data of a plugin whose bundle was updated to {@code bundle}, after a snapshot. */
    synchronized Runnable upgrade(Bundle bundle) throws PluginException {
        try (Backend.Exclusive held = exclusive(bundle.getSymbolicName())) {
            return upgradeHeld(bundle);
        }
    }

    private Runnable upgradeHeld(Bundle bundle) throws PluginException {
        String id = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        recover(id);
        refuseIncomplete(id, version);
        if (!exists(id)) {
            return installHeld(bundle);
        }
        String from = versionsBefore.remove(id);
        if (from == null) {
            try {
                from = record(id).map(StorageRecord::writtenBy).orElse(null);
            } catch (IOException e) {
                from = null;
            }
        }
        return migrateExisting(id, Journal.UPGRADE, from, version, bundle);
    }

    private Runnable migrateExisting(String id, String operation, String from, String version, Bundle bundle)
            throws PluginException {
        Path snapshot;
        String stored;
        try {
            Backend.Database database = open(id);
            stored = HistoryTable.version(database);
            List<MigrationName> names = BundleMigrations.names(bundle);
            refuseDowngrade(id, version, names, stored);
            if (after(names, stored).isEmpty()) {
                Journal done = new Journal(operation, from, version, Journal.MIGRATED, stored, false);
                applied.put(id, done);
                schemaAfter.put(id, Optional.ofNullable(stored));
                return () -> {
                    synchronized (this) {
                        applied.remove(id);
                        schemaAfter.remove(id);
                        releaseLater(id);
                    }
                };
            }
            snapshot = files.snapshot(id, StorageFiles.PENDING, true);
            backend.snapshot(id, snapshot);
            FaultPoints.reach(SNAPSHOT_TAKEN);
            files.write(id, new Journal(operation, from, version, Journal.SNAPSHOT_TAKEN, stored, false));
        } catch (SQLException | IOException e) {
            throw new PluginException(Code.MIGRATION_FAILED, "the data of " + id + " cannot be snapshotted before "
                    + "its migration: " + e.getMessage(), List.of(), e);
        }
        String migrated;
        try {
            Backend.Database database = open(id);
            flyway.migrate(database, new BundleMigrations(bundle), () -> backend.close(id));
            migrated = HistoryTable.version(database);
            backend.sync(id);
        } catch (FlywayRunner.MigrationFailure | SQLException | IOException e) {
            try {
                putBack(id, snapshot, !backend.rollsBackFailedMigrations()
                        || !(e instanceof FlywayRunner.MigrationFailure));
            } catch (SQLException | IOException restore) {
                e.addSuppressed(restore);
                log.warn("the data of " + id + " could not be restored after its failed migration: "
                        + restore.getMessage() + "; it is restored at the next start");
                throw failed(id, version, e.getMessage(), e);
            }
            throw failed(id, version, e.getMessage(), e);
        }
        FaultPoints.reach(MIGRATED);
        Journal done = new Journal(operation, from, version, Journal.MIGRATED, stored, false);
        try {
            files.write(id, done);
        } catch (IOException e) {
            try {
                putBack(id, snapshot, true);
            } catch (SQLException | IOException restore) {
                e.addSuppressed(restore);
            }
            throw new PluginException(Code.MIGRATION_FAILED, "the journal of " + id + " cannot be written: "
                    + e.getMessage(), List.of(), e);
        }
        applied.put(id, done);
        schemaAfter.put(id, Optional.ofNullable(migrated));
        log.info("the storage of " + id + " is migrated to " + version + " (schema " + stored + " -> "
                + migrated + ")");
        return () -> {
            synchronized (this) {
                applied.remove(id);
                schemaAfter.remove(id);
                try (Backend.Exclusive held = backend.exclusive(id)) {
                    putBack(id, snapshot, true);
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException("the data of " + id + " could not be restored: "
                            + e.getMessage() + "; it is restored at the next start", e);
                }
            }
        };
    }

    /** Restores the snapshot (when {@code restore}), then forgets the journal and the snapshot. */
    private void putBack(String id, Path snapshot, boolean restore) throws SQLException, IOException {
        if (restore) {
            FaultPoints.reach(RESTORING);
            backend.restore(id, snapshot);
        } else {
            backend.close(id);
        }
        files.deleteJournal(id);
        files.deleteSnapshot(id, StorageFiles.PENDING);
    }

    /**
     * Restores the rollback point of {@code bundle}'s plugin (its bundle is back at the version of before the upgrade
     * that took it), after a copy of the data it replaces, for the undo.
     */
    synchronized Runnable rollback(Bundle bundle) throws PluginException {
        try (Backend.Exclusive held = exclusive(bundle.getSymbolicName())) {
            return rollbackHeld(bundle);
        }
    }

    private Runnable rollbackHeld(Bundle bundle) throws PluginException {
        String id = bundle.getSymbolicName();
        String version = bundle.getVersion().toString();
        recover(id);
        RollbackPoint point = rollbackPointFor(id, version);
        if (point == null) {
            return upgradeHeld(bundle);
        }
        refuseIncomplete(id, version);
        schemaAfter.remove(id);
        Journal journal = new Journal(Journal.ROLLBACK, point.toVersion(), version, Journal.UNDO_TAKEN, null, false);
        Path undo;
        try {
            undo = files.snapshot(id, StorageFiles.UNDO, true);
            backend.snapshot(id, undo);
            files.write(id, journal);
            FaultPoints.reach(RESTORING);
            backend.restore(id, files.snapshot(id, StorageFiles.ROLLBACK, false));
            files.write(id, journal.at(Journal.RESTORED));
        } catch (SQLException | IOException e) {
            try {
                if (files.journal(id).isPresent()) {
                    backend.restore(id, files.snapshot(id, StorageFiles.UNDO, false));
                }
                files.deleteJournal(id);
                files.deleteSnapshot(id, StorageFiles.UNDO);
            } catch (SQLException | IOException again) {
                e.addSuppressed(again);
            }
            throw new PluginException(Code.MIGRATION_FAILED, "the data of " + id + " cannot be restored to before "
                    + "the upgrade to " + point.toVersion() + ": " + e.getMessage(), List.of(), e);
        }
        applied.put(id, journal.at(Journal.RESTORED));
        return () -> {
            synchronized (this) {
                applied.remove(id);
                try (Backend.Exclusive held = backend.exclusive(id)) {
                    FaultPoints.reach(RESTORING);
                    backend.restore(id, undo);
                    files.deleteJournal(id);
                    files.deleteSnapshot(id, StorageFiles.UNDO);
                } catch (SQLException | IOException e) {
                    throw new IllegalStateException("the data of " + id + " could not be put back: "
                            + e.getMessage() + "; it is put back at the next start", e);
                }
            }
        };
    }

    // ---- committed

    /** The operation that {@link #install}, {@link #upgrade} or {@link #rollback} of {@code id} was is committed. */
    synchronized void committed(String id) {
        Journal journal = applied.remove(id);
        Optional<String> schema = schemaAfter.remove(id);
        if (journal == null) {
            return;
        }
        try {
            finish(id, journal, schema != null ? schema.orElse(null) : versionQuietly(id));
        } catch (IOException | SQLException e) {
            log.warn("the storage of " + id + " could not record its operation: " + e.getMessage()
                    + "; it is recorded at the next start");
        } finally {
            releaseLater(id);
        }
    }

    private void finish(String id, Journal journal) throws IOException, SQLException {
        finish(id, journal, versionQuietly(id));
    }

    private void finish(String id, Journal journal, String schema) throws IOException, SQLException {
        StorageRecord record = record(id).orElse(new StorageRecord(backend.name(), null, null, null));
        switch (journal.operation()) {
            case Journal.ROLLBACK -> {
                files.write(id, record.with(schema, journal.toVersion(), null));
                files.deleteSnapshot(id, StorageFiles.ROLLBACK);
                files.deleteSnapshot(id, StorageFiles.UNDO);
            }
            case Journal.UPGRADE -> {
                if (files.hasSnapshot(id, StorageFiles.PENDING)) {
                    files.promote(id, StorageFiles.PENDING, StorageFiles.ROLLBACK);
                    RollbackPoint point = new RollbackPoint(journal.fromVersion(), journal.toVersion(),
                            journal.schemaBefore(), Instant.now(), files.snapshotSize(id, StorageFiles.ROLLBACK));
                    files.write(id, record.with(schema, journal.toVersion(), point));
                } else {
                    files.write(id, record.with(schema, record.writtenBy() == null ? journal.toVersion()
                            : record.writtenBy(), null));
                    files.deleteSnapshot(id, StorageFiles.ROLLBACK);
                }
            }
            default -> {
                boolean migrated = files.hasSnapshot(id, StorageFiles.PENDING) || journal.created();
                files.deleteSnapshot(id, StorageFiles.PENDING);
                files.write(id, record.with(schema, migrated || record.writtenBy() == null ? journal.toVersion()
                        : record.writtenBy(), null));
            }
        }
        files.deleteJournal(id);
    }

    /**
     * The removal of {@code id} with {@code --purge} is under way: its files are moved aside (refused, naming the
     * file, when one of them cannot be deleted); undone by the returned work, finished by {@link #removed}.
     */
    synchronized Runnable purge(String id) throws PluginException {
        if (!files.exists(id)) {
            return () -> { };
        }
        backend.close(id);
        Path aside;
        try {
            aside = files.moveAside(id);
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "the storage of " + id + " cannot be deleted: "
                    + e.getMessage() + "; nothing is removed", List.of(), e);
        }
        purging.add(id);
        return () -> {
            synchronized (this) {
                purging.remove(id);
                try {
                    files.putBackAside(id, aside);
                } catch (IOException e) {
                    throw new IllegalStateException("the storage of " + id + " could not be put back from " + aside
                            + ": " + e.getMessage(), e);
                }
            }
        };
    }

    /** The removal of {@code id} is committed: its data deleted ({@code purge}) or kept, closed. */
    synchronized void removed(String id, boolean purge) {
        inUse.remove(id);
        if (purge && purging.remove(id)) {
            try (Backend.Exclusive held = backend.exclusive(id)) {
                backend.purge(id);
                files.deletePurged();
                log.info("the storage of " + id + " is deleted");
            } catch (SQLException | IOException e) {
                log.warn("the storage of " + id + " could not be deleted: " + e.getMessage()
                        + "; what remains is deleted at the next start");
            }
            return;
        }
        if (!files.exists(id)) {
            return;
        }
        if (!purge) {
            backend.close(id);
            return;
        }
        try (Backend.Exclusive held = backend.exclusive(id)) {
            backend.purge(id);
            files.deleteAll(id);
            log.info("the storage of " + id + " is deleted");
        } catch (SQLException | IOException e) {
            log.warn("the storage of " + id + " could not be deleted: " + e.getMessage());
        }
    }

    // ---- recovery

    /**
     * Settles every plugin's storage at start, once the manager has recovered (its version of each plugin is final):
     * each interrupted operation ({@link #recover}), and each purge interrupted before its commit (the plugin still
     * installed: its files are put back; removed: they are deleted). A plugin whose storage cannot be settled is
     * logged and stays refused until it can.
     */
    synchronized void recoverAll() {
        try {
            for (String id : files.purgedIds()) {
                if (installed.apply(id).isPresent()) {
                    files.putBackAside(id, files.root().resolve(StorageFiles.PURGED).resolve(id));
                    log.info("the storage of " + id + " is put back: its removal did not complete");
                }
            }
            files.deletePurged();
            for (String id : files.ids()) {
                try {
                    recover(id);
                } catch (PluginException e) {
                    log.warn(e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("the storage directory " + files.root() + " cannot be settled: " + e.getMessage());
        }
    }

    /**
     * Finishes or takes back what a crash interrupted, by the journal and the version of the plugin's bundle now
     * (after the manager's own recovery): the version the operation brought keeps the new data, any other the old.
     */
    synchronized void recover(String id) throws PluginException {
        try {
            Optional<Journal> found = files.journal(id);
            if (found.isEmpty() || applied.containsKey(id)) {
                return;
            }
            try (Backend.Exclusive held = backend.exclusive(id)) {
                recoverHeld(id, found.get());
            }
        } catch (SQLException | IOException e) {
            throw new PluginException(Code.MIGRATION_FAILED, "the storage of " + id + " cannot be recovered: "
                    + e.getMessage(), List.of(), e);
        }
    }

    private void recoverHeld(String id, Journal journal) throws SQLException, IOException {
        String current = installed.apply(id).map(bundle -> bundle.getVersion().toString()).orElse(null);
        boolean arrived = journal.toVersion() != null && journal.toVersion().equals(current);
        switch (journal.operation()) {
            case Journal.ROLLBACK -> {
                if (arrived) {
                    if (!journal.phase().equals(Journal.RESTORED)) {
                        FaultPoints.reach(RESTORING);
                        backend.restore(id, files.snapshot(id, StorageFiles.ROLLBACK, false));
                    }
                    finish(id, journal);
                } else {
                    FaultPoints.reach(RESTORING);
                    backend.restore(id, files.snapshot(id, StorageFiles.UNDO, false));
                    files.deleteSnapshot(id, StorageFiles.UNDO);
                    files.deleteJournal(id);
                }
            }
            default -> {
                if (arrived && journal.phase().equals(Journal.MIGRATED)) {
                    finish(id, journal);
                } else if (journal.created()) {
                    discard(id);
                } else {
                    putBack(id, files.snapshot(id, StorageFiles.PENDING, false), true);
                }
            }
        }
        log.info("the storage of " + id + " recovered from an interrupted " + journal.operation() + ": "
                + (arrived ? "kept the data of " + current : "restored the data of before"));
    }

    // ---- the plugin's DataSource

    /**
     * The DataSource of a plugin about to run: only when its stored schema is the one its bundle's migrations end
     * with; never runs a migration.
     *
     * @throws PluginException in words, why it gets none
     */
    synchronized DataSource dataSource(Bundle bundle) throws PluginException {
        Backend.Database database = ready(bundle);
        inUse.add(bundle.getSymbolicName());
        return database.dataSource();
    }

    /**
     * Refuses to start a plugin whose data is not ready for its bundle (at plan time of an enable), in the words
     * {@link #dataSource(Bundle)} would log.
     */
    synchronized void checkReady(Bundle bundle) throws PluginException {
        ready(bundle);
        releaseLater(bundle.getSymbolicName());
    }

    private Backend.Database ready(Bundle bundle) throws PluginException {
        String id = bundle.getSymbolicName();
        recover(id);
        refuseIncomplete(id, bundle.getVersion().toString());
        if (!existsQuietly(id)) {
            throw new PluginException(Code.INCOMPATIBLE, id + " has no database (" + backend.location(id)
                    + " does not exist): put it back from a backup of the whole directory, or reinstall " + id
                    + " to start with an empty one");
        }
        try {
            Backend.Database database = open(id);
            String stored = HistoryTable.version(database);
            String highest = MigrationName.highest(BundleMigrations.names(bundle));
            int order = MigrationName.compare(stored, highest);
            if (order != 0) {
                release(id);
                throw new PluginException(Code.INCOMPATIBLE, order > 0
                        ? downgrade(id, bundle.getVersion().toString(), highest, stored)
                        : id + " " + bundle.getVersion() + " needs schema " + highest + ", its data is at "
                                + (stored == null ? "none" : stored) + ": upgrade it through the plugin manager");
            }
            return database;
        } catch (SQLException | IOException e) {
            release(id);
            throw new PluginException(Code.MIGRATION_FAILED, "the database of " + id + " cannot be opened: "
                    + e.getMessage(), List.of(), e);
        }
    }

    /** The plugin released its DataSource (it stopped): its database closes. */
    synchronized void released(String id) {
        inUse.remove(id);
        backend.close(id);
    }

    // ---- what the operator sees

    /**
     * @throws IllegalStateException naming the missing file, when the plugin's data is there but incomplete
     */
    synchronized Optional<StorageInfo> info(String id) {
        if (!files.exists(id)) {
            return Optional.empty();
        }
        Optional<String> incomplete = backend.incomplete(id);
        if (incomplete.isPresent()) {
            throw new IllegalStateException("the storage of " + id + " is incomplete: " + incomplete.get());
        }
        if (!existsQuietly(id)) {
            return Optional.empty();
        }
        Optional<StorageRecord> record;
        try {
            record = record(id);
        } catch (IOException e) {
            record = Optional.empty();
        }
        List<AppliedMigration> migrations = List.of();
        try {
            if (files.journal(id).isEmpty() || applied.containsKey(id)) {
                Optional<Backend.Database> reading = backend.readOnly(id);
                migrations = HistoryTable.applied(reading.isPresent() ? reading.get() : backend.open(id));
            }
        } catch (SQLException | IOException e) {
            log.warn("the migrations of " + id + " cannot be read: " + e.getMessage());
        } finally {
            release(id);
        }
        String schema = migrations.isEmpty() ? record.map(StorageRecord::schemaVersion).orElse(null)
                : migrations.get(migrations.size() - 1).version();
        boolean kept = installed.apply(id).isEmpty();
        return Optional.of(new StorageInfo(id, backend.name(), backend.location(id), backend.sizeBytes(id), schema,
                record.map(StorageRecord::writtenBy).orElse(null), kept,
                record.map(StorageRecord::rollbackPoint).orElse(null), migrations));
    }

    List<StorageInfo> all() {
        List<StorageInfo> all = new ArrayList<>();
        try {
            for (String id : files.ids()) {
                try {
                    info(id).ifPresent(all::add);
                } catch (IllegalStateException e) {
                    log.warn(e.getMessage());
                }
            }
        } catch (IOException e) {
            log.warn("the storage directory " + files.root() + " cannot be listed: " + e.getMessage());
        }
        return all;
    }

    // ---- helpers

    /** The archive's migrations, or a refusal of the archive naming the entry that cannot be read the same way. */
    private static List<MigrationName> names(String id, String version, ArchiveMigrations archive)
            throws PluginException {
        try {
            return archive.names();
        } catch (IllegalArgumentException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, id + " " + version + ": " + e.getMessage());
        }
    }

    /** Refuses, deleting nothing, to use kept data of which a file is missing. */
    private void refuseIncomplete(String id, String version) throws PluginException {
        Optional<String> problem = backend.incomplete(id);
        if (problem.isPresent()) {
            throw new PluginException(Code.INCOMPATIBLE, id + " " + version + ": its kept data cannot be used: "
                    + problem.get());
        }
    }

    /**
     * The lock on {@code id}'s data that every runtime sharing the backend's database honours
     * ({@link Backend#exclusive}): the work of an install, upgrade or rollback runs on one runtime at a time, and
     * the next one finds it done.
     */
    private Backend.Exclusive exclusive(String id) throws PluginException {
        try {
            return backend.exclusive(id);
        } catch (SQLException e) {
            throw new PluginException(Code.MIGRATION_FAILED, "the storage of " + id + " cannot be changed now: "
                    + e.getMessage(), List.of(), e);
        }
    }

    private boolean exists(String id) throws PluginException {
        try {
            return backend.exists(id);
        } catch (SQLException | IOException e) {
            throw new PluginException(Code.MIGRATION_FAILED, "the storage of " + id + " cannot be looked at: "
                    + e.getMessage(), List.of(), e);
        }
    }

    private boolean existsQuietly(String id) {
        try {
            return backend.exists(id);
        } catch (SQLException | IOException e) {
            log.warn("the storage of " + id + " cannot be looked at: " + e.getMessage());
            return false;
        }
    }

    /** Closes the database unless its plugin holds its DataSource. */
    private void release(String id) {
        closing.remove(id);
        if (!inUse.contains(id)) {
            backend.close(id);
        }
    }

    /** Opens the plugin's database for a step that keeps it: a pending {@link #releaseLater} close is called off. */
    private Backend.Database open(String id) throws SQLException, IOException {
        closing.remove(id);
        return backend.open(id);
    }

    /**
     * Closes the database {@value #IDLE_CLOSE_MILLIS} ms from now unless its plugin then holds its DataSource or it
     * was taken again meanwhile: a plan's check, the operation's steps and the plugin's start share one open (each
     * close and open of an H2 file costs syncs).
     */
    private void releaseLater(String id) {
        if (inUse.contains(id)) {
            return;
        }
        Object pending = new Object();
        closing.put(id, pending);
        if (closer == null) {
            closer = new ScheduledThreadPoolExecutor(1, runnable -> {
                Thread thread = new Thread(runnable, "plinth-storage-closer");
                thread.setDaemon(true);
                return thread;
            });
            closer.setKeepAliveTime(IDLE_CLOSE_MILLIS * 2, TimeUnit.MILLISECONDS);
            closer.allowCoreThreadTimeOut(true);
        }
        closer.schedule(() -> {
            synchronized (this) {
                if (closing.remove(id, pending) && !inUse.contains(id)) {
                    backend.close(id);
                }
            }
        }, IDLE_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops the pending closes and closes every open database (the storage bundle stops). */
    synchronized void close() {
        if (closer != null) {
            closer.shutdownNow();
        }
        closing.clear();
        backend.close();
    }

    private Optional<StorageRecord> record(String id) throws IOException {
        return files.record(id);
    }

    private RollbackPoint rollbackPointFor(String id, String version) {
        try {
            RollbackPoint point = record(id).map(StorageRecord::rollbackPoint).orElse(null);
            if (point != null && point.fromVersion() != null && point.fromVersion().equals(version)
                    && files.hasSnapshot(id, StorageFiles.ROLLBACK)) {
                return point;
            }
        } catch (IOException e) {
            log.warn("the record of " + id + "'s storage cannot be read: " + e.getMessage());
        }
        return null;
    }

    private void refuseDowngrade(String id, String version, List<MigrationName> names, String stored)
            throws PluginException {
        String highest = MigrationName.highest(names);
        if (MigrationName.compare(stored, highest) > 0) {
            throw new PluginException(Code.INCOMPATIBLE, downgrade(id, version, highest, stored));
        }
    }

    private String downgrade(String id, String version, String highest, String stored) {
        String writer = null;
        try {
            writer = record(id).map(StorageRecord::writtenBy).orElse(null);
        } catch (IOException e) {
            // named without its writer
        }
        return id + " " + version + (highest == null ? " has no migration" : " knows schema up to " + highest)
                + ", its stored data is at " + stored + (writer == null ? "" : " (written by " + id + " " + writer
                        + ")") + ": a downgrade of its data is refused";
    }

    private String versionQuietly(String id) {
        try {
            return HistoryTable.version(backend.open(id));
        } catch (SQLException | IOException e) {
            return null;
        } finally {
            release(id);
        }
    }

    private void purgeQuietly(String id) {
        try (Backend.Exclusive held = backend.exclusive(id)) {
            discard(id);
        } catch (SQLException | IOException e) {
            log.warn("the storage of " + id + " could not be deleted: " + e.getMessage());
        }
    }

    /** Deletes the database this runtime created and its files, unless another runtime uses the database by now. */
    private void discard(String id) throws SQLException, IOException {
        if (!backend.discard(id)) {
            log.warn("the storage of " + id + " that this runtime created is kept although its install was undone: "
                    + "another runtime sharing " + backend.location(id) + " uses it; plugin:remove --purge deletes it");
        }
        files.deleteAll(id);
    }

    private static PluginException failed(String id, String version, String message, Throwable cause) {
        return new PluginException(Code.MIGRATION_FAILED, "the migration of " + id + " to " + version + " failed, "
                + "its data is as before: " + message, List.of(), cause);
    }

    /** The migrations of {@code names} newer than {@code stored}. */
    static List<MigrationName> after(List<MigrationName> names, String stored) {
        return names.stream().filter(name -> MigrationName.compare(name.version(), stored) > 0).toList();
    }

    private static String migrations(List<MigrationName> names) {
        if (names.isEmpty()) {
            return ", no migration";
        }
        List<String> labels = names.stream().map(MigrationName::label).toList();
        if (labels.size() > SHOWN * 2) {
            return ", migrations (" + labels.size() + "): " + String.join(", ", labels.subList(0, SHOWN)) + ", ... "
                    + (labels.size() - SHOWN * 2) + " more ..., " + String.join(", ", labels.subList(labels.size()
                            - SHOWN, labels.size()));
        }
        return ", migrations: " + String.join(", ", labels);
    }

    static String kib(long bytes) {
        return bytes < 0 ? "size unknown" : ((bytes + 1023) / 1024) + " KiB";
    }
}
