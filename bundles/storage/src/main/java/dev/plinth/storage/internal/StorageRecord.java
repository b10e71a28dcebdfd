package dev.plinth.storage.internal;

import dev.plinth.api.storage.StorageInfo.RollbackPoint;

/**
 * What the storage service keeps of a plugin's storage ({@code storage.json}).
 *
 * @param backend the backend that holds the data
 * @param schemaVersion the schema version after the last operation, or {@code null}
 * @param writtenBy the plugin version that last migrated the data (or created it)
 * @param rollbackPoint the snapshot of before the last upgrade that migrated, or {@code null}
 */
record StorageRecord(String backend, String schemaVersion, String writtenBy, RollbackPoint rollbackPoint) {

    StorageRecord with(String schema, String writer, RollbackPoint point) {
        return new StorageRecord(backend, schema, writer, point);
    }
}
