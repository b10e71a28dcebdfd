package dev.plinth.sample.settings;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The console command {@code settingsdemo:show}: what the plugin was given, configuration by configuration (a password
 * as its length and a SHA-256 prefix, never its value).
 */
@Component(service = ShowCommand.class,
        property = { "osgi.command.scope=settingsdemo", "osgi.command.function=show" })
public final class ShowCommand {

    static final String VERSION = "2.0.0";

    private final Mailer mailer;
    private final List<Webhook> webhooks = new CopyOnWriteArrayList<>();

    @Activate
    public ShowCommand(@Reference Mailer mailer) {
        this.mailer = mailer;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addWebhook(Webhook webhook) {
        webhooks.add(webhook);
    }

    void removeWebhook(Webhook webhook) {
        webhooks.remove(webhook);
    }

    /** {@code settingsdemo:show}: the settings sample's version, then each configuration as it was delivered. */
    public String show() {
        List<String> lines = new ArrayList<>();
        lines.add("settings sample " + VERSION);
        lines.add(MailSettings.PID);
        lines.addAll(mailer.received());
        webhooks.stream().sorted(Comparator.comparing(Webhook::pid)).forEach(webhook -> {
            lines.add(webhook.pid());
            lines.addAll(webhook.received());
        });
        return String.join("\n", lines);
    }
}
