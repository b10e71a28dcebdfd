package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;

/** What the settings commands return, for {@link ShellFormatter}. */
final class SettingsViews {

    private SettingsViews() {
    }

    /**
     * {@code view} with every secret's values and defaults left out, whatever the settings service gave: what the
     * shell prints never holds a secret.
     */
    static PluginSettingsView redacted(PluginSettingsView view) {
        return new PluginSettingsView(view.plugin(), view.status(), view.problems(), view.configurations().stream()
                .map(configuration -> new ConfigurationSettings(configuration.pid(), configuration.factoryPid(),
                        configuration.name(), configuration.description(), configuration.file(),
                        configuration.settings().stream().map(SettingsViews::redacted).toList()))
                .toList());
    }

    private static Setting redacted(Setting setting) {
        return !setting.secret() ? setting : new Setting(setting.key(), setting.name(), setting.description(),
                setting.type(), setting.multiple(), setting.required(), true, List.of(), List.of(), setting.set(),
                setting.source(), setting.options());
    }

    /** {@code plugin:settings}: a plugin's settings. */
    record Settings(PluginSettingsView view) {

        Settings {
            view = redacted(view);
        }
    }

    /**
     * {@code plugin:set} and {@code plugin:unset}: what changed (keys only, never values), then the settings after.
     *
     * @param verb {@code set} or {@code unset}
     * @param pid the PID named, or {@code null} for the plugin's single configuration
     * @param keys the keys changed; empty for every key of the configuration
     */
    record Changed(String verb, String pid, List<String> keys, PluginSettingsView view) {

        Changed {
            keys = List.copyOf(keys);
            view = redacted(view);
        }
    }

    /** {@code settings:rotate-key}: how many stored secrets were sealed again with the new key. */
    record Rotated(int secrets) {
    }
}
