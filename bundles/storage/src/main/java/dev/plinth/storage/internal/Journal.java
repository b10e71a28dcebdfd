package dev.plinth.storage.internal;

/**
 * An operation on a plugin's storage under way ({@code journal.json}): what a crash leaves for the next start to
 * finish or take back, decided with the version of the plugin's bundle after the manager's recovery (the old version:
 * take back; the new: keep).
 *
 * @param operation {@code install}, {@code upgrade} or {@code rollback}
 * @param fromVersion the plugin's version before (none for an install)
 * @param toVersion the plugin's version the operation brings
 * @param phase how far it got: {@value #PROVISIONING}, {@value #SNAPSHOT_TAKEN}, {@value #MIGRATED},
 *        {@value #UNDO_TAKEN}, {@value #RESTORED}
 * @param schemaBefore the schema version before the operation
 * @param created whether the operation created the database (an install of a new id)
 */
record Journal(String operation, String fromVersion, String toVersion, String phase, String schemaBefore,
        boolean created) {

    static final String INSTALL = "install";
    static final String UPGRADE = "upgrade";
    static final String ROLLBACK = "rollback";

    static final String PROVISIONING = "provisioning";
    static final String SNAPSHOT_TAKEN = "snapshot-taken";
    static final String MIGRATED = "migrated";
    static final String UNDO_TAKEN = "undo-taken";
    static final String RESTORED = "restored";

    Journal at(String next) {
        return new Journal(operation, fromVersion, toVersion, next, schemaBefore, created);
    }
}
