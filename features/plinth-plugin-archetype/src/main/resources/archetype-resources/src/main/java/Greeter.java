package ${package};

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Makes the greetings, in the words an operator sets: {@code plinth settings ${artifactId}} lists the settings,
 * {@code plinth set ${artifactId} greeting=Hi} changes them (docs/settings.md).
 */
@Component(service = Greeter.class, configurationPid = Greeter.PID)
@Designate(ocd = Greeter.Config.class)
public final class Greeter {

    /** The PID of the settings: named after the plugin's package, not Plinth's. */
    static final String PID = "${package}.greeter";

    /** The settings (Metatype): each method is a key, with its type, default and description. */
    @ObjectClassDefinition(id = PID, name = "Greeter", description = "How ${artifactId} greets.")
    public @interface Config {

        @AttributeDefinition(name = "Greeting", description = "The word before the name.")
        String greeting() default "Hello";
    }

    private volatile String greeting;

    @Activate
    public Greeter(Config config) {
        modified(config);
    }

    @Modified
    void modified(Config config) {
        greeting = config.greeting();
    }

    /** The greeting for {@code name}. */
    public String greet(String name) {
        return greeting + ", " + name + "!";
    }
}
