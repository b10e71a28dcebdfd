package dev.plinth.api;

/** What a bundle is to Plinth. */
public enum PluginKind {
    /** A bundle an operator asked for. */
    PLUGIN,
    /** A bundle installed only to satisfy plugins' requirements; dropped when no plugin needs it. */
    LIBRARY,
    /** The framework, a boot bundle or one of Plinth's own: never changed through the manager. */
    SYSTEM,
    /** A bundle someone else installed: shown, never touched. */
    UNMANAGED;

    /** The lower-case name shown to operators. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
