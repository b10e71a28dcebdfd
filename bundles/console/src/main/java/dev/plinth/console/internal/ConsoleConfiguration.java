package dev.plinth.console.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The settings of the console (PID {@code dev.plinth.console}, e.g. {@code etc/dev.plinth.console.cfg.json}). */
@ObjectClassDefinition(name = "Plinth console",
        description = "The operator console at /console/ and the pages plugins bring to it.")
public @interface ConsoleConfiguration {

    /** The configuration PID. */
    String PID = "dev.plinth.console";

    @AttributeDefinition(name = "Trusted plugins",
            description = "Ids of plugins whose console pages run in the console's page instead of a sandboxed "
                    + "frame (tier trusted). Their code then runs with the page: trust only plugins you would let "
                    + "act in the console. Ids of plugins that are not installed are ignored.")
    String[] trusted_plugins() default {};
}
