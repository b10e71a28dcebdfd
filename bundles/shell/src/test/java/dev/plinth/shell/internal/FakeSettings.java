package dev.plinth.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;

/**
 * A {@link PluginSettings} that records what it is asked and answers with one fixed plugin, {@code demo}, whose
 * secret it wrongly gives with its value (the commands must not show it).
 */
final class FakeSettings implements PluginSettings {

    static final String PID = "demo.Greeter";
    static final String FACTORY = "demo.Endpoint";

    final List<String> calls = new ArrayList<>();
    String pid;
    Map<String, List<String>> values;
    Set<String> keys;
    String origin;
    PluginException refusal;
    int rotated = 3;
    Map<String, List<String>> problems = Map.of();

    static PluginSettingsView view() {
        ConfigurationSettings greeter = new ConfigurationSettings(PID, null, "Greeter", "How it greets",
                "etc/demo.Greeter.cfg.json", List.of(
                        setting("greeting", "string", false, false, List.of("Hello"), List.of("Hi"), true,
                                Setting.Source.OPERATOR),
                        setting("retries", "integer", false, true, List.of("3"), List.of("5"), true,
                                Setting.Source.FILE),
                        setting("tags", "string", true, false, List.of(), List.of("a", "b"), true,
                                Setting.Source.ENVIRONMENT),
                        setting("user", "string", false, false, List.of(""), List.of(""), false,
                                Setting.Source.DEFAULT),
                        new Setting("password", "Password", null, "password", false, false, true,
                                List.of("default-secret"), List.of("hunter2"), true, Setting.Source.OPERATOR,
                                List.of())));
        ConfigurationSettings factory = new ConfigurationSettings(FACTORY, FACTORY, "Endpoint", null, null,
                List.of(setting("url", "string", false, true, List.of(), List.of(), false, Setting.Source.DEFAULT)));
        return new PluginSettingsView("demo", PluginSettingsView.Status.MISCONFIGURED,
                List.of("demo.Greeter retries: 0 is below the minimum 1; the last good settings are delivered"),
                List.of(factory, greeter));
    }

    private static Setting setting(String key, String type, boolean multiple, boolean required, List<String> defaults,
            List<String> value, boolean set, Setting.Source source) {
        return new Setting(key, key, null, type, multiple, required, false, defaults, value, set, source, List.of());
    }

    private PluginSettingsView answer(String pluginId) throws PluginException {
        if (refusal != null) {
            throw refusal;
        }
        if (!pluginId.equals("demo")) {
            throw new PluginException(Code.NOT_FOUND, "no plugin " + pluginId);
        }
        return view();
    }

    @Override
    public Map<String, List<String>> problems() throws PluginException {
        calls.add("problems");
        if (refusal != null) {
            throw refusal;
        }
        return problems;
    }

    @Override
    public java.util.Optional<String> secretKeyProblem() {
        return java.util.Optional.empty();
    }

    @Override
    public PluginSettingsView settings(String pluginId) throws PluginException {
        calls.add("settings " + pluginId);
        if (!pluginId.equals("demo")) {
            throw new PluginException(Code.NOT_FOUND, "no plugin " + pluginId);
        }
        return view();
    }

    @Override
    public PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values, String origin)
            throws PluginException {
        calls.add("set " + pluginId);
        this.pid = pid;
        this.values = values;
        this.origin = origin;
        return answer(pluginId);
    }

    @Override
    public PluginSettingsView unset(String pluginId, String pid, Set<String> keys, String origin)
            throws PluginException {
        calls.add("unset " + pluginId);
        this.pid = pid;
        this.keys = keys;
        this.origin = origin;
        return answer(pluginId);
    }

    @Override
    public int rotateKey() throws PluginException {
        calls.add("rotate");
        if (refusal != null) {
            throw refusal;
        }
        return rotated;
    }
}
