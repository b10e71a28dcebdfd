package dev.plinth.api.plugin;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ProviderType;

/** What a {@link PluginLifecycle} hook is told about its plugin. */
@ProviderType
public interface PluginContext {

    /** The plugin id. */
    String id();

    /** The plugin's version now. */
    String version();

    /**
     * A directory owned by the plugin, kept across upgrades and deleted when the plugin is removed. It exists when a
     * hook is called.
     */
    Path dataDirectory();
}
