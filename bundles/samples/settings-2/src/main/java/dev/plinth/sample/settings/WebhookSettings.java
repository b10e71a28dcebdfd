package dev.plinth.sample.settings;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * One webhook: a factory configuration ({@value #FACTORY_PID}), of which an operator creates as many as wanted, each
 * with a name of its own ({@code sample.settings.webhook~ops}).
 */
@ObjectClassDefinition(id = WebhookSettings.FACTORY_PID, name = "Webhook",
        description = "An address told about the sample's events.")
public @interface WebhookSettings {

    /** The factory PID. */
    String FACTORY_PID = "sample.settings.webhook";

    @AttributeDefinition(name = "URL", description = "Where the events are posted; required.")
    String url();

    @AttributeDefinition(name = "Events", description = "Which events are posted.", cardinality = 3, options = {
            @Option(value = "install", label = "Install"), @Option(value = "upgrade", label = "Upgrade"),
            @Option(value = "remove", label = "Remove") })
    String[] events() default { "install" };
}
