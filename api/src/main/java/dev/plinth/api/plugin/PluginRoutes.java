package dev.plinth.api.plugin;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The web routes of plugins, registered as a service by the REST API: a plugin may serve HTTP on the servlet
 * whiteboard under {@value #PREFIX}{@code <plugin-id>/} only; anything else it registers there is refused.
 */
@ProviderType
public interface PluginRoutes {

    /** The prefix of every plugin's namespace. */
    String PREFIX = "/api/plugin/";

    /**
     * Why each web registration of the plugin that is still registered was refused, one line each (what it
     * registered, and what is wrong with it), sorted; empty when none was.
     */
    List<String> refused(String pluginId);
}
