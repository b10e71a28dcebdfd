package dev.plinth.api;

/** The state an operator sees. */
public enum PluginState {
    /** Present, not started. */
    INSTALLED,
    /** Started (bundle ACTIVE). */
    ENABLED,
    /** Enabling or starting failed; the reason is in {@link PluginInfo#lastError()}. */
    FAILED,
    /** Being started. */
    STARTING,
    /** Being stopped. */
    STOPPING;

    /** The lower-case name shown to operators. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
