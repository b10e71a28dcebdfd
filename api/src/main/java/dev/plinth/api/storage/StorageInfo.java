package dev.plinth.api.storage;

import java.time.Instant;
import java.util.List;

/**
 * A plugin's storage as an operator sees it.
 *
 * @param id the plugin's id
 * @param backend {@code h2} or {@code postgresql}
 * @param location where the data is: a directory under the data directory (H2), or a schema (PostgreSQL)
 * @param sizeBytes the data's size on disk, in bytes
 * @param schemaVersion the version of the newest migration applied, or {@code null} when none was
 * @param writtenBy the version of the plugin that last migrated the data, or {@code null}
 * @param kept true when the plugin is removed and its data kept for its return
 * @param rollbackPoint the data of before the last upgrade that migrated, which {@code plugin:rollback} restores, or
 *        {@code null} when there is none
 * @param migrations the migrations applied, oldest first
 */
public record StorageInfo(String id, String backend, String location, long sizeBytes, String schemaVersion,
        String writtenBy, boolean kept, RollbackPoint rollbackPoint, List<AppliedMigration> migrations) {

    public StorageInfo {
        migrations = List.copyOf(migrations);
    }

    /**
     * The data kept from before an upgrade that migrated.
     *
     * @param fromVersion the plugin's version before the upgrade
     * @param toVersion the plugin's version the upgrade brought
     * @param schemaVersion the data's schema version before the upgrade, or {@code null}
     * @param taken when it was taken
     * @param sizeBytes its size, in bytes
     */
    public record RollbackPoint(String fromVersion, String toVersion, String schemaVersion, Instant taken,
            long sizeBytes) {
    }

    /**
     * One applied migration, as the history table records it.
     *
     * @param version its version ({@code 2}, {@code 2.1})
     * @param description its description, from its name
     * @param type {@code SQL} or {@code JDBC} (a {@link Migration})
     * @param checksum the checksum of an SQL migration, or {@code null}
     * @param installedOn when it ran
     * @param executionMillis how long it took
     */
    public record AppliedMigration(String version, String description, String type, Integer checksum,
            Instant installedOn, long executionMillis) {
    }
}
