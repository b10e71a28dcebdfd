package dev.plinth.sample.hostileui;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Where the hostile page tries to load a script from, and to send the console's window. */
@ObjectClassDefinition(id = HostileSettings.PID, name = "Target",
        description = "The address the hostile page tries to load a script from and to navigate the console to.")
public @interface HostileSettings {

    /** The configuration's PID. */
    String PID = "sample.hostileui";

    @AttributeDefinition(name = "Script URL", description = "An http(s) address outside the console.")
    String script_url() default "http://127.0.0.1:9/hostile.js";
}
