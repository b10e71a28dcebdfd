package dev.plinth.rest.internal;

import java.util.List;

/** The web registrations of plugins that were refused, for showing with the plugin. */
public interface RefusedRoutes {

    /** Why each refused registration of the plugin, still registered, was refused; empty when none was. */
    List<String> of(String pluginId);
}
