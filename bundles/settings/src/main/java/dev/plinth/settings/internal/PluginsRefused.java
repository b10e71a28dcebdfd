package dev.plinth.settings.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;

/**
 * What a plugin gets when it looks up {@link PluginSettings}: every call refused. The service is the operators' (the
 * shell, the REST API, the catalogue's plugin sets call it); a plugin reading or changing settings through it could
 * change another plugin's secrets and sign the change with any origin.
 */
final class PluginsRefused implements PluginSettings {

    private final String caller;

    PluginsRefused(String caller) {
        this.caller = caller;
    }

    private PluginException refused() {
        return new PluginException(Code.PROTECTED, "plugin " + caller + " may not use the settings service: settings "
                + "are the operators' to change (a plugin is given its own through Configuration Admin)");
    }

    @Override
    public Map<String, List<String>> problems() throws PluginException {
        throw refused();
    }

    @Override
    public Optional<String> secretKeyProblem() throws PluginException {
        throw refused();
    }

    @Override
    public PluginSettingsView settings(String pluginId) throws PluginException {
        throw refused();
    }

    @Override
    public PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values, String origin)
            throws PluginException {
        throw refused();
    }

    @Override
    public PluginSettingsView unset(String pluginId, String pid, Set<String> keys, String origin)
            throws PluginException {
        throw refused();
    }

    @Override
    public int rotateKey() throws PluginException {
        throw refused();
    }
}
