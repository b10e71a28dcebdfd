package dev.plinth.api;

/**
 * The events the manager posts on EventAdmin after every operation, under {@code dev/plinth/plugin/<VERB>}
 * (see {@link Verb#topic()}), and the properties they carry.
 */
public final class PluginEvents {

    /** Prefix of every topic; subscribe to {@code dev/plinth/plugin/*} for all of them. */
    public static final String TOPIC_PREFIX = "dev/plinth/plugin/";
    /** The plugin the operation was asked for. */
    public static final String ID = "plugin.id";
    /** Its version after the operation (before it, when the operation failed or removed it). */
    public static final String VERSION = "plugin.version";
    /** Its version before the operation, when it had one and the operation succeeded (a failed one changed nothing). */
    public static final String PREVIOUS_VERSION = "plugin.previous.version";
    /** Its state after the operation, a {@link PluginState#label()}, absent when it was removed. */
    public static final String STATE = "plugin.state";
    /** Every plugin and library the operation changed, as a {@code String[]} of ids. */
    public static final String CHANGED = "plugin.changed";
    /** {@code true} when the operation succeeded. */
    public static final String SUCCEEDED = "succeeded";
    /** The failure's {@link PluginException.Code} name, when it failed. */
    public static final String ERROR_CODE = "error.code";
    /** The failure's one-line message, when it failed. */
    public static final String MESSAGE = "message";
    /** Who asked: {@code shell}, {@code deploy}, {@code rest}, {@code api}, ... */
    public static final String ORIGIN = "origin";

    private PluginEvents() {
    }
}
