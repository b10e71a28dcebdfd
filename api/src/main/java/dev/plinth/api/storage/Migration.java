package dev.plinth.api.storage;

import java.sql.Connection;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A migration written in Java, for a change SQL cannot express. The class sits in the plugin's package
 * {@code db.migration} (so beside the SQL migrations, {@code db/migration/} in the bundle), named like them:
 * {@code V<version>__<Description>} (for example {@code V2__Split_names}); it has a public constructor without
 * arguments. It runs as the plugin's own database user, in the same transaction as the migrations around it where the
 * database allows.
 */
@ConsumerType
public interface Migration {

    /**
     * Changes the schema or the data.
     *
     * @param connection the plugin's database, in the migration's transaction: do not commit or close it
     * @throws Exception to fail the migration, and with it the operation that runs it
     */
    void migrate(Connection connection) throws Exception;
}
