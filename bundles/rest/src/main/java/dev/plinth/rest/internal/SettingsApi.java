package dev.plinth.rest.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.plinth.api.PluginException;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;

/**
 * {@code /api/plugins/{id}/settings}: {@code GET} lists a plugin's settings (secrets only as set or unset),
 * {@code PATCH} sets or unsets values of one of its configurations ({@link SettingsPatch}) and answers the settings
 * after; a secret's values are left out even if the service gave them. A refusal is the settings service's: 422
 * {@code INVALID_SETTINGS} with each refusal, 409 {@code SETTINGS_LOCKED} for a key an {@code etc/} file sets;
 * without the settings bundle, 503 {@code SETTINGS_UNAVAILABLE}.
 */
final class SettingsApi {

    static final int MAX_BODY_BYTES = 256 * 1024;

    /** Reads the request body when the method has one. */
    @FunctionalInterface
    interface Body {
        String read() throws ApiException, IOException;
    }

    private final Supplier<PluginSettings> settings;

    SettingsApi(Supplier<PluginSettings> settings) {
        this.settings = settings;
    }

    /** The answer (status 200) to {@code method} on the settings of plugin {@code id}, changed for {@code origin}. */
    PluginSettingsView answer(String method, String id, Query query, Body body, String origin)
            throws ApiException, PluginException, IOException {
        if (!method.equals("GET") && !method.equals("PATCH")) {
            throw Requests.notAllowed(method, "GET", "PATCH");
        }
        query.only(Set.of());
        PluginSettings service = settings.get();
        if (service == null) {
            throw new ApiException(503, "SETTINGS_UNAVAILABLE", "settings are not available (the bundle "
                    + "dev.plinth.settings is not running)");
        }
        if (method.equals("GET")) {
            return redacted(service.settings(id));
        }
        SettingsPatch patch = SettingsPatch.parse(body.read());
        return redacted(patch.set() != null ? service.set(id, patch.pid(), patch.set(), origin)
                : service.unset(id, patch.pid(), patch.unset(), origin));
    }

    /** {@code view} with every secret's values and defaults left out, whatever the settings service gave. */
    static PluginSettingsView redacted(PluginSettingsView view) {
        return new PluginSettingsView(view.plugin(), view.status(), view.problems(), view.configurations().stream()
                .map(configuration -> new ConfigurationSettings(configuration.pid(), configuration.factoryPid(),
                        configuration.name(), configuration.description(), configuration.file(),
                        configuration.settings().stream().map(SettingsApi::redacted).toList()))
                .toList());
    }

    private static Setting redacted(Setting setting) {
        return !setting.secret() ? setting : new Setting(setting.key(), setting.name(), setting.description(),
                setting.type(), setting.multiple(), setting.required(), true, List.of(), List.of(), setting.set(),
                setting.source(), setting.options());
    }
}
