package dev.plinth.api.plugin;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin's part in its own lifecycle. A plugin names its implementation in the manifest header
 * {@value #HEADER}; the manager loads the class from the plugin (which need not be started), creates it
 * with its public no-argument constructor and calls it at the moments below, each within a time bound
 * ({@code hook.timeout.ms} of configuration {@code dev.plinth.manager}). A hook that throws or overruns
 * makes install and upgrade fail and be undone; on remove it is logged and the removal goes on.
 */
@ConsumerType
public interface PluginLifecycle {

    /** The manifest header naming the implementation class. */
    String HEADER = "Plinth-Lifecycle";

    /** After the plugin is installed for the first time, before it is enabled. */
    default void installed(PluginContext context) throws Exception {
    }

    /** After the plugin was upgraded (or rolled back) from {@code fromVersion}, before it is started again. */
    default void upgraded(PluginContext context, String fromVersion) throws Exception {
    }

    /** Before the plugin is removed, after it is stopped. Its data directory is deleted afterwards. */
    default void removing(PluginContext context) throws Exception {
    }
}
