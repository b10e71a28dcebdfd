package dev.plinth.shell.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;

/**
 * {@code plugin:settings}, {@code plugin:set} and {@code plugin:unset}: a plugin's settings through
 * {@link PluginSettings}, present when the settings bundle runs (without it each command says so and fails).
 */
@Component(service = Object.class, property = {
        "osgi.command.scope=plugin",
        "osgi.command.function=settings",
        "osgi.command.function=set",
        "osgi.command.function=unset" })
public final class SettingsCommands {

    static final String SET_USAGE = "usage: plugin:set ID [PID] key=value...";
    static final String UNSET_USAGE = "usage: plugin:unset ID [PID] key...";

    private final PluginJson json = new PluginJson();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginSettings settings;

    @Activate
    public SettingsCommands() {
    }

    /** Commands over {@code settings} ({@code null}: none), for tests. */
    SettingsCommands(PluginSettings settings) {
        this.settings = settings;
    }

    @Descriptor("lists a plugin's settings: each key with its type, value, source and default (secrets only as set or "
            + "unset)")
    public Object settings(
            @Descriptor("print a JSON object")
            @Parameter(names = { "--json" }, presentValue = "true", absentValue = "false") boolean asJson,
            @Descriptor("the plugin id") String id) {
        PluginSettings service = service();
        PluginSettingsView view = Refusals.run(() -> service.settings(id));
        return asJson ? new JsonText(json.settings(view)) : new SettingsViews.Settings(view);
    }

    @Descriptor("validates and stores settings of a plugin; nothing is stored unless every value is valid")
    public SettingsViews.Changed set(
            @Descriptor("the plugin id") String id,
            @Descriptor("the configuration's PID (factoryPid~name for a factory configuration; left out when the "
                    + "plugin has one), then key=value for each setting (key=a,b or key=a key=b for several values)")
            String... words) {
        PluginSettings service = service();
        List<String> rest = new ArrayList<>(Arrays.asList(words));
        String pid = rest.isEmpty() || rest.get(0).contains("=") ? null : rest.remove(0);
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (word.endsWith("$") && i + 1 < rest.size() && rest.get(i + 1).startsWith("[")) {
                throw new CommandFailedException("the shell read the $[...] of " + word + " itself: quote the whole "
                        + "word, as '" + word + "[env:NAME]'");
            }
            int equals = word.indexOf('=');
            if (equals <= 0) {
                throw new CommandFailedException("expected key=value, not " + word + "; " + SET_USAGE);
            }
            values.computeIfAbsent(word.substring(0, equals), key -> new ArrayList<>()).add(word.substring(equals + 1));
        }
        if (values.isEmpty()) {
            throw new CommandFailedException("no key=value given; " + SET_USAGE);
        }
        PluginSettingsView view = Refusals.run(() -> service.set(id, pid, values, Origins.current()));
        return new SettingsViews.Changed("set", pid, List.copyOf(values.keySet()), view);
    }

    @Descriptor("removes values an operator set, so that the defaults (or a file's values) apply again")
    public SettingsViews.Changed unset(
            @Descriptor("the plugin id") String id,
            @Descriptor("the configuration's PID (left out when the plugin has one; alone: every key of it), then "
                    + "the keys") String... words) {
        PluginSettings service = service();
        if (words.length == 0) {
            throw new CommandFailedException("name the keys to unset, or a PID to unset every key of it; "
                    + UNSET_USAGE);
        }
        List<String> rest = new ArrayList<>(Arrays.asList(words));
        String pid = null;
        if (namesConfiguration(Refusals.run(() -> service.settings(id)), rest.get(0))) {
            pid = rest.remove(0);
        }
        for (String key : rest) {
            if (key.contains("=")) {
                throw new CommandFailedException("plugin:unset takes keys, not key=value (" + key + "); "
                        + UNSET_USAGE);
            }
        }
        Set<String> keys = new LinkedHashSet<>(rest);
        String target = pid;
        PluginSettingsView view = Refusals.run(() -> service.unset(id, target, keys, Origins.current()));
        return new SettingsViews.Changed("unset", pid, List.copyOf(keys), view);
    }

    /** Whether {@code word} is a PID of the plugin (a configuration's, a factory's, or a factory's new {@code ~name}). */
    private static boolean namesConfiguration(PluginSettingsView view, String word) {
        for (ConfigurationSettings configuration : view.configurations()) {
            if (word.equals(configuration.pid()) || configuration.factoryPid() != null
                    && (word.equals(configuration.factoryPid()) || word.startsWith(configuration.factoryPid() + "~"))) {
                return true;
            }
        }
        return false;
    }

    private PluginSettings service() {
        return available(settings);
    }

    /** {@code service}, or the command's failure when the settings bundle is not running. */
    static PluginSettings available(PluginSettings service) {
        if (service == null) {
            throw new CommandFailedException("settings are not available (the bundle dev.plinth.settings is not "
                    + "running)");
        }
        return service;
    }
}
