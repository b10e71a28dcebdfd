package dev.plinth.api.settings;

import java.util.List;

import dev.plinth.api.PluginException;

/** Values refused by a plugin's metatype or its {@link SettingsValidator}; nothing was stored. */
public class InvalidSettingsException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final List<SettingRefusal> refusals;

    public InvalidSettingsException(String pluginId, List<SettingRefusal> refusals) {
        super(Code.INVALID_SETTINGS, "invalid settings for " + pluginId + ": "
                + String.join("; ", refusals.stream().map(SettingRefusal::line).toList()),
                refusals.stream().map(SettingRefusal::line).toList(), null);
        this.refusals = List.copyOf(refusals);
    }

    /** Each refused value, naming its key. */
    public List<SettingRefusal> refusals() {
        return refusals;
    }
}
