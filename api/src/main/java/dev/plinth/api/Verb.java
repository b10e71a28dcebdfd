package dev.plinth.api;

/**
 * The operations that change plugins. Each publishes an event on {@link #topic()}. {@link #SETTINGS} is a change of a
 * plugin's settings, recorded by the settings bundle through {@link dev.plinth.api.extension.OperationLog}.
 */
public enum Verb {
    INSTALL, ENABLE, DISABLE, UPGRADE, ROLLBACK, REMOVE, SETTINGS;

    /** The EventAdmin topic of this verb's events: {@code dev/plinth/plugin/<VERB>}. */
    public String topic() {
        return PluginEvents.TOPIC_PREFIX + name();
    }

    /** The lower-case name shown to operators. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
