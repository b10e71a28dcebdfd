package dev.plinth.shell.internal;

import java.util.Set;

import dev.plinth.api.PluginException;
import dev.plinth.api.settings.PluginSettings;

/** The ids of the plugins that run misconfigured, for lists: one call to the settings service, none per plugin. */
final class MisconfiguredPlugins {

    private MisconfiguredPlugins() {
    }

    /** The misconfigured plugins' ids; none without the settings service or when it cannot say. */
    static Set<String> of(PluginSettings settings) {
        if (settings == null) {
            return Set.of();
        }
        try {
            return settings.problems().keySet();
        } catch (PluginException | RuntimeException e) {
            return Set.of();
        }
    }
}
