package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.settings.PluginSettingsView;

/** What the settings commands return, for {@link ShellFormatter}. */
final class SettingsViews {

    private SettingsViews() {
    }

    /** {@code plugin:settings}: a plugin's settings. */
    record Settings(PluginSettingsView view) {
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
        }
    }

    /** {@code settings:rotate-key}: how many stored secrets were sealed again with the new key. */
    record Rotated(int secrets) {
    }
}
