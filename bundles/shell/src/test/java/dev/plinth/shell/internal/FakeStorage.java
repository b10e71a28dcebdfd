package dev.plinth.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.StorageInfo;

/** A storage service answering from a list, for the shell's tests. */
final class FakeStorage implements PluginStorage {

    static final Instant TAKEN = Instant.parse("2026-12-05T09:30:00Z");
    static final Instant MIGRATED = Instant.parse("2026-12-05T09:30:01Z");

    final List<StorageInfo> storages = new ArrayList<>();
    RuntimeException failure;

    /** The notes sample after its upgrade to 2.0.0: three migrations, a rollback point to 1.0.0. */
    static StorageInfo upgradedNotes() {
        return new StorageInfo("dev.plinth.sample.storage", "h2", "data/storage/dev.plinth.sample.storage", 24_576,
                "3", "2.0.0", false, new StorageInfo.RollbackPoint("1.0.0", "2.0.0", "1", TAKEN, 12_288),
                List.of(new StorageInfo.AppliedMigration("1", "create notes", "SQL", 1_234_567, TAKEN, 12),
                        new StorageInfo.AppliedMigration("2", "split author", "SQL", -42, MIGRATED, 5),
                        new StorageInfo.AppliedMigration("3", "Normalise titles", "JDBC", null, MIGRATED, 3)));
    }

    /** The storage of a removed plugin, kept: no migration, no rollback point. */
    static StorageInfo kept(String id) {
        return new StorageInfo(id, "postgresql", "schema plugin_" + id.replace('.', '_'), 800, null, null, true, null,
                List.of());
    }

    FakeStorage with(StorageInfo info) {
        storages.add(info);
        return this;
    }

    @Override
    public Optional<StorageInfo> info(String pluginId) {
        if (failure != null) {
            throw failure;
        }
        return storages.stream().filter(info -> info.id().equals(pluginId)).findFirst();
    }

    @Override
    public List<StorageInfo> all() {
        return List.copyOf(storages);
    }
}
