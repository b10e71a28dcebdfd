package dev.plinth.storage.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The storage bundle's configuration, PID {@value #PID} ({@code etc/dev.plinth.storage.cfg.json}): where plugins'
 * databases live. Without it, H2 files under the data directory.
 */
@ObjectClassDefinition(id = StorageConfiguration.PID, name = "Plinth storage",
        description = "Where plugins' databases live: H2 files under the data directory, or a schema and role per "
                + "plugin on a PostgreSQL server")
public @interface StorageConfiguration {

    /** The configuration PID. */
    String PID = "dev.plinth.storage";

    /** {@code backend} for H2. */
    String H2 = "h2";

    /** {@code backend} for PostgreSQL. */
    String POSTGRESQL = "postgresql";

    @AttributeDefinition(name = "Backend", options = {
            @Option(value = H2, label = "H2 files under the data directory"),
            @Option(value = POSTGRESQL, label = "A schema and role per plugin on a PostgreSQL server") })
    String backend() default H2;

    @AttributeDefinition(name = "JDBC URL", required = false,
            description = "jdbc:postgresql://host[:port]/database[?parameters]; when set, host, port and database are "
                    + "taken from it")
    String url() default "";

    @AttributeDefinition(name = "Host", required = false)
    String host() default "localhost";

    @AttributeDefinition(name = "Port", min = "1", max = "65535", required = false)
    int port() default 5432;

    @AttributeDefinition(name = "Database", required = false,
            description = "The database holding the plugins' schemas, owned by the user")
    String database() default "plinth";

    @AttributeDefinition(name = "User", required = false,
            description = "Plinth's role: LOGIN CREATEROLE, owner of the database, not a superuser")
    String user() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false,
            description = "The role's password (key .password); refer to it: $[env:NAME] or $[secret:NAME]")
    String _password();

    @AttributeDefinition(name = "Migration bound (seconds)", min = "1", required = false,
            description = "How long the migrations of one operation may run; longer, they are stopped, the "
                    + "database closed and the data restored, and the operation fails naming the migration")
    int migration_timeout_seconds() default 300;

    @AttributeDefinition(name = "Client programs", required = false,
            description = "The folder of pg_dump and pg_restore (key postgresql.bin); empty: the PATH, then "
                    + "/usr/lib/postgresql/<major>/bin")
    String postgresql_bin() default "";
}
