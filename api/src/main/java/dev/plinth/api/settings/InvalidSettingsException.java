package dev.plinth.api.settings;

import java.util.List;

import dev.plinth.api.PluginException;

/** Values refused by a plugin's metatype or its {@link SettingsValidator}; nothing was stored. */
public class InvalidSettingsException extends PluginException {

    private static final long serialVersionUID = 1L;

    private final List<SettingRefusal> refusals;

    public InvalidSettingsException(String pluginId, List<SettingRefusal> refusals) {
        this(refusals, "invalid settings for " + pluginId + ": "
                + String.join("; ", refusals.stream().map(SettingRefusal::line).toList()));
    }

    /**
     * Refused values with a message of the caller's (an upgrade refused for the settings its new version refuses).
     *
     * @param refusals each refused value
     * @param message the one line an operator reads
     */
    public InvalidSettingsException(List<SettingRefusal> refusals, String message) {
        super(Code.INVALID_SETTINGS, message, refusals.stream().map(SettingRefusal::line).toList(), null);
        this.refusals = List.copyOf(refusals);
    }

    /** Each refused value, naming its key. */
    public List<SettingRefusal> refusals() {
        return refusals;
    }
}
