package dev.plinth.sample.settings;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The mail relay, active as soon as the plugin starts: keeps the settings it was last given, as
 * {@code settingsdemo:show} prints them.
 */
@Component(service = Mailer.class, configurationPid = MailSettings.PID, immediate = true)
@Designate(ocd = MailSettings.class)
public final class Mailer {

    private volatile List<String> received;

    @Activate
    public Mailer(MailSettings settings) {
        modified(settings);
    }

    @Modified
    void modified(MailSettings settings) {
        received = List.of(
                line("host", settings.host()),
                line("port", Integer.toString(settings.port())),
                line("starttls", Boolean.toString(settings.starttls())),
                line("format", settings.format()),
                line("recipients", String.join(", ", settings.recipients() == null ? new String[0]
                        : settings.recipients())),
                line("user", settings.user()),
                line("password", Fingerprint.of(settings._password())));
    }

    /** The configuration's PID and one line per key, as delivered (a password as its fingerprint). */
    public List<String> received() {
        return received;
    }

    static String line(String key, String value) {
        return "  " + key + ": " + (value == null || value.isEmpty() ? "-" : value);
    }
}
