package dev.plinth.sample.settings;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/** One webhook, a component per factory configuration; keeps what it was last given. */
@Component(service = Webhook.class, configurationPid = WebhookSettings.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebhookSettings.class, factory = true)
public final class Webhook {

    private volatile String pid;
    private volatile List<String> received;

    @Activate
    public Webhook(WebhookSettings settings, Map<String, Object> properties) {
        modified(settings, properties);
    }

    @Modified
    void modified(WebhookSettings settings, Map<String, Object> properties) {
        pid = String.valueOf(properties.get("service.pid"));
        received = List.of(
                Mailer.line("url", settings.url()),
                Mailer.line("events", String.join(", ", settings.events() == null ? new String[0]
                        : settings.events())));
    }

    /** The configuration's PID ({@code sample.settings.webhook~NAME}). */
    public String pid() {
        return pid;
    }

    /** One line per key, as delivered. */
    public List<String> received() {
        return received;
    }
}
