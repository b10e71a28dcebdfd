package dev.plinth.api;

import java.util.List;

/**
 * Why an operation was refused or failed. The message is one line an operator can act on; the details,
 * when there are any, say more. The code is stable and meant for programs.
 */
public class PluginException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Stable failure codes. */
    public enum Code {
        /** No plugin or file of that name. */
        NOT_FOUND,
        /** The file is not a usable bundle archive. */
        INVALID_ARCHIVE,
        /** A bundle of that id is already installed. */
        DUPLICATE,
        /** The framework cannot wire the bundle. */
        UNRESOLVED,
        /** The bundle failed to start, or did not start within the bound. */
        START_FAILED,
        /** Other plugins depend on the target; use cascade. */
        HAS_DEPENDENTS,
        /** An archive's sha-256 is not the one expected. */
        CHECKSUM_MISMATCH,
        /** The target is a system or unmanaged bundle. */
        PROTECTED,
        /** The manager cannot take the operation now (queue full, called from inside an operation). */
        BUSY,
        /** There is no previous version to roll back to. */
        NO_PREVIOUS_VERSION,
        /** A plugin's lifecycle hook failed or did not finish within the bound. */
        HOOK_FAILED,
        /** The store or an archive could not be read or written. */
        IO_ERROR,
        /** The plugin needs a Plinth runtime version this runtime is not, or a console SDK its console does not offer. */
        INCOMPATIBLE,
        /** The plugin is pinned at its version; unpin it first. */
        PINNED,
        /** A request, plugin set or catalogue index is malformed. */
        INVALID_INPUT,
        /** Settings values are refused by their plugin's metatype or validator (see
         * {@link dev.plinth.api.settings.InvalidSettingsException}). */
        INVALID_SETTINGS,
        /** A setting is set in a configuration file of {@code etc/}: change the file, not the setting. */
        SETTINGS_LOCKED,
        /** A configuration PID belongs to the runtime's core or to another plugin. */
        SETTINGS_OWNED,
        /**
         * A plugin's storage migration failed, or its storage could not be prepared, snapshotted or restored: the
         * operation was undone, its data left as before.
         */
        MIGRATION_FAILED,
        /** The fleet's database cannot be reached, or this runtime is not a node of a fleet. */
        FLEET_UNAVAILABLE,
        /** Another generation was published since the one a publish was based on: review it and publish again. */
        STALE_GENERATION
    }

    private final Code code;
    private final List<String> details;

    public PluginException(Code code, String message) {
        this(code, message, List.of(), null);
    }

    public PluginException(Code code, String message, List<String> details, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.details = List.copyOf(details);
    }

    /** The stable failure code. */
    public Code code() {
        return code;
    }

    /** Further lines of explanation, possibly empty. */
    public List<String> details() {
        return details;
    }
}
