package dev.plinth.fleet.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The fleet bundle's configuration, PID {@value #PID} ({@code etc/dev.plinth.fleet.cfg.json}): the fleet's database
 * and this node's place in it. Without it the bundle does nothing.
 */
@ObjectClassDefinition(id = FleetConfiguration.PID, name = "Plinth fleet",
        description = "Makes this runtime a node of a fleet whose desired plugin sets are held in a PostgreSQL "
                + "database")
public @interface FleetConfiguration {

    /** The configuration PID. */
    String PID = "dev.plinth.fleet";

    @AttributeDefinition(name = "JDBC URL", description = "jdbc:postgresql://host[:port]/database")
    String url();

    @AttributeDefinition(name = "User", description = "The fleet's role: owner of the database or of schema "
            + "plinth_fleet")
    String user();

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD,
            description = "The role's password (key .password); refer to it: $[env:NAME] or $[secret:NAME]")
    String _password();

    @AttributeDefinition(name = "Group", required = false, description = "The node's group")
    String group() default "default";

    @AttributeDefinition(name = "Node", required = false,
            description = "The node's name, unique in its group; empty: the host name")
    String node() default "";

    @AttributeDefinition(name = "Poll (seconds)", min = "1", required = false,
            description = "How often the node reads the desired state (a notification wakes it earlier)")
    int poll_seconds() default 10;

    @AttributeDefinition(name = "Stale after (seconds)", min = "1", required = false,
            description = "A node not seen for longer is shown stale")
    int stale_seconds() default 30;

    @AttributeDefinition(name = "Canaries", required = false,
            description = "Default canaries of a publish: a count N, a share N%, or 0")
    String canaries() default "1";

    @AttributeDefinition(name = "Canary time (seconds)", min = "1", required = false,
            description = "Default time the canaries have to report healthy")
    int canary_seconds() default 120;

    @AttributeDefinition(name = "Automatic rollback", required = false,
            description = "Default: a halted rollout republishes the last good generation")
    boolean auto_rollback() default false;
}
