package dev.plinth.api.settings;

import java.util.List;

/**
 * One configuration of a plugin: a PID its metatype describes, or one configuration of a factory PID.
 *
 * @param pid the PID; a factory configuration as {@code factoryPid~name}; the factory PID itself for a factory that
 *        has no configuration yet
 * @param factoryPid the factory PID, or {@code null} for a single configuration
 * @param name the metatype's name for it
 * @param description the metatype's description, or {@code null}
 * @param file the configuration file of {@code etc/} that sets some of its keys (those keys are locked), or
 *        {@code null}
 * @param settings its attributes, in the metatype's order
 */
public record ConfigurationSettings(String pid, String factoryPid, String name, String description, String file,
        List<Setting> settings) {

    public ConfigurationSettings {
        settings = List.copyOf(settings);
    }
}
