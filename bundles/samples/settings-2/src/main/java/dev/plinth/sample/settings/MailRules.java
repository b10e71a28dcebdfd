package dev.plinth.sample.settings;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.api.settings.SettingsValidator;

/**
 * A rule across two keys that a metatype cannot say: port 465 is TLS from the first byte, so STARTTLS cannot be
 * asked for on it. Plinth calls it before storing a change of the mail relay's settings.
 */
@Component
public final class MailRules implements SettingsValidator {

    static final String IMPLICIT_TLS_PORT = "465";

    @Override
    public List<SettingRefusal> validate(String pid, Map<String, Object> values) {
        if (!MailSettings.PID.equals(pid)) {
            return List.of();
        }
        boolean starttls = Boolean.parseBoolean(text(values.get("starttls")));
        if (starttls && IMPLICIT_TLS_PORT.equals(text(values.get("port")))) {
            return List.of(new SettingRefusal(pid, "starttls",
                    "port 465 is TLS from the start: turn starttls off or use port 587"));
        }
        return List.of();
    }

    private static String text(Object value) {
        if (value instanceof Object[] array) {
            return array.length == 0 ? null : String.valueOf(array[0]);
        }
        if (value instanceof java.util.Collection<?> collection) {
            return collection.isEmpty() ? null : String.valueOf(collection.iterator().next());
        }
        return value == null ? null : String.valueOf(value).strip();
    }
}
