package dev.plinth.storage.internal;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import dev.plinth.api.storage.Migration;

/** A plugin's {@link Migration} as Flyway runs it: version and description from its name, no checksum. */
final class JavaMigrationAdapter implements JavaMigration {

    private final Migration migration;
    private final MigrationName name;

    JavaMigrationAdapter(Migration migration, MigrationName name) {
        this.migration = migration;
        this.name = name;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(name.version());
    }

    @Override
    public String getDescription() {
        return name.description();
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        migration.migrate(context.getConnection());
    }
}
