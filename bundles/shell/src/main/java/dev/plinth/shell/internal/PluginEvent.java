package dev.plinth.shell.internal;

import java.util.List;

/**
 * One of the manager's plugin events as {@code plugin:events} prints it (see {@link dev.plinth.api.PluginEvents}).
 *
 * @param verb the operation, as the topic names it (lower case)
 * @param id the plugin the operation was asked for
 * @param version its version after the operation, or {@code null}
 * @param previousVersion its version before it, or {@code null}
 * @param state its state after the operation, or {@code null} when removed
 * @param changed every plugin and library the operation changed
 * @param succeeded whether the operation succeeded
 * @param code the failure's code, or {@code null}
 * @param message the failure's message, or {@code null}
 * @param origin who asked
 */
record PluginEvent(String verb, String id, String version, String previousVersion, String state,
        List<String> changed, boolean succeeded, String code, String message, String origin) {

    PluginEvent {
        changed = List.copyOf(changed);
    }
}
