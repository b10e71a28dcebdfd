package dev.plinth.sample.settings;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The mail relay's settings, one configuration ({@value #PID}): what an operator lists with {@code plugin:settings}
 * and changes with {@code plugin:set}. Each method is a key; its annotation gives the type, the default, the range or
 * the allowed values; {@code .password} is a secret (a private name, with a leading dot: Declarative
 * Services does not publish it as a service property).
 */
@ObjectClassDefinition(id = MailSettings.PID, name = "Mail relay",
        description = "Where the sample sends its notifications.")
public @interface MailSettings {

    /** The configuration's PID. */
    String PID = "sample.settings.mail";

    @AttributeDefinition(name = "Host", description = "The relay's host name; required.")
    String host();

    @AttributeDefinition(name = "Port", description = "The relay's port.", min = "1", max = "65535")
    int port() default 25;

    @AttributeDefinition(name = "STARTTLS", description = "Upgrade the connection to TLS.", required = false)
    boolean starttls() default false;

    @AttributeDefinition(name = "Format", description = "How messages are written.", options = {
            @Option(value = "text", label = "Plain text"), @Option(value = "html", label = "HTML") })
    String format() default "text";

    @AttributeDefinition(name = "Recipients", description = "Who gets the notifications.", cardinality = 10,
            required = false)
    String[] recipients();

    @AttributeDefinition(name = "User", description = "The relay's user name.", required = false)
    String user();

    @AttributeDefinition(name = "Password", description = "The relay's password.", type = AttributeType.PASSWORD,
            required = false)
    String _password();
}
