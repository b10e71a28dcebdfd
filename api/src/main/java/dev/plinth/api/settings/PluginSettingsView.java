package dev.plinth.api.settings;

import java.util.List;

/**
 * A plugin's settings, as {@link PluginSettings#settings(String)} tells them.
 *
 * @param plugin the plugin's id
 * @param status {@code ok}, or {@code misconfigured} when a stored or file value became invalid and the plugin keeps
 *        running on its last good configuration
 * @param problems why it is misconfigured, one line each naming the PID and key; empty when ok
 * @param configurations every configuration the plugin's bundle describes, sorted by PID
 */
public record PluginSettingsView(String plugin, Status status, List<String> problems,
        List<ConfigurationSettings> configurations) {

    public PluginSettingsView {
        problems = List.copyOf(problems);
        configurations = List.copyOf(configurations);
    }

    /** Whether a plugin's configuration is delivered as it is stored. */
    public enum Status {
        OK,
        MISCONFIGURED;

        /** The word shown to operators: {@code ok}, {@code misconfigured}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
