package dev.plinth.catalog.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;

/**
 * The settings part of a plugin set: what an export carries of a plugin's settings (the values operators set, never a
 * secret's, and the names of the secrets set), and the changes that bring a runtime's settings to a set's. Without
 * the settings service, an export carries no settings and a set that has some is refused.
 */
final class SetSettings {

    /** A configuration's values to set and keys to unset. */
    private record Pending(String id, String pid, Map<String, List<String>> set, Set<String> unset) {
    }

    private final PluginSettings settings;
    private final Map<Change, Pending> pending = new LinkedHashMap<>();

    /** @param settings the settings service, or {@code null} when the runtime has none */
    SetSettings(PluginSettings settings) {
        this.settings = settings;
    }

    /** The member of {@code id} with its settings and secrets, as an export writes it. */
    PluginSet.Member export(String id, String version, boolean enabled, boolean pinned) throws PluginException {
        if (settings == null) {
            return new PluginSet.Member(id, version, enabled, pinned);
        }
        Map<String, Map<String, List<String>>> values = new TreeMap<>();
        List<String> secrets = new ArrayList<>();
        for (ConfigurationSettings configuration : settings.settings(id).configurations()) {
            for (Setting setting : configuration.settings()) {
                if (setting.secret()) {
                    if (setting.set() && setting.source() != Setting.Source.FILE) {
                        secrets.add(configuration.pid() + "/" + setting.key());
                    }
                } else if (setByOperator(setting, configuration)) {
                    values.computeIfAbsent(configuration.pid(), pid -> new TreeMap<>()).put(setting.key(),
                            setting.value());
                }
            }
        }
        return new PluginSet.Member(id, version, enabled, pinned, values, secrets);
    }

    private static boolean setByOperator(Setting setting, ConfigurationSettings configuration) {
        return switch (setting.source()) {
            case OPERATOR -> true;
            case ENVIRONMENT, SECRET_REFERENCE -> configuration.file() == null;
            default -> false;
        };
    }

    /**
     * The changes that give {@code member} the set's settings: one {@code settings} change a configuration whose
     * values differ (all of the set's, for a plugin the apply installs), and a {@code secret} change for each secret
     * the set names that is not set here. Refuses a set that changes a value a file of {@code etc/} sets.
     *
     * @param installed whether the plugin is installed now (its current settings can be read)
     */
    List<Change> changes(PluginSet.Member member, boolean installed) throws PluginException {
        if (member.settings().isEmpty() && member.secrets().isEmpty()) {
            return List.of();
        }
        if (settings == null) {
            throw new PluginException(Code.INVALID_INPUT, "the plugin set gives settings of " + member.id()
                    + ", but this runtime has no settings service (the bundle dev.plinth.settings) to apply them");
        }
        PluginSettingsView current = installed ? settings.settings(member.id()) : null;
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<String>>> wanted : member.settings().entrySet()) {
            Pending change = difference(member.id(), wanted.getKey(), wanted.getValue(), current);
            if (!change.set().isEmpty() || !change.unset().isEmpty()) {
                changes.add(planned(change, member.version()));
            }
        }
        if (current != null) {
            for (ConfigurationSettings configuration : current.configurations()) {
                if (!member.settings().containsKey(configuration.pid())) {
                    Pending change = difference(member.id(), configuration.pid(), Map.of(), current);
                    if (!change.unset().isEmpty()) {
                        changes.add(planned(change, member.version()));
                    }
                }
            }
        }
        for (String secret : member.secrets()) {
            if (current == null || !secretSet(current, secret)) {
                changes.add(new Change(Change.Action.SECRET, member.id(), null, member.version(), secret
                        + " is not set here: plugin:set " + member.id() + " " + secret.substring(0,
                                secret.lastIndexOf('/')) + " " + secret.substring(secret.lastIndexOf('/') + 1)
                        + "=..."));
            }
        }
        return changes;
    }

    /**
     * Why the settings {@code member} gives are refused by the version that will run (the one in {@code archive}, or
     * the installed one when {@code archive} is null): each line names the plugin, the PID, the key and why, never a
     * value. Empty when they are all accepted, or when the member gives none.
     */
    List<String> refusals(PluginSet.Member member, java.nio.file.Path archive) throws PluginException {
        if (member.settings().isEmpty() || settings == null) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Map<String, List<String>>> configuration : member.settings().entrySet()) {
            for (dev.plinth.api.settings.SettingRefusal refusal : settings.check(member.id(), archive,
                    configuration.getKey(), configuration.getValue())) {
                lines.add(member.id() + " " + refusal.line());
            }
        }
        return lines;
    }

    private static Pending difference(String id, String pid, Map<String, List<String>> wanted,
            PluginSettingsView current) throws PluginException {
        Map<String, List<String>> set = new TreeMap<>(wanted);
        Set<String> unset = new LinkedHashSet<>();
        ConfigurationSettings configuration = current == null ? null : current.configurations().stream()
                .filter(c -> c.pid().equals(pid)).findFirst().orElse(null);
        if (configuration != null) {
            for (Setting setting : configuration.settings()) {
                List<String> value = wanted.get(setting.key());
                boolean operator = !setting.secret() && setByOperator(setting, configuration);
                if (value != null && setting.source() == Setting.Source.FILE) {
                    if (!value.equals(setting.value())) {
                        throw new PluginException(Code.SETTINGS_LOCKED, "the plugin set changes " + pid + " "
                                + setting.key() + " of " + id + ", which " + configuration.file()
                                + " sets here: change the file, or leave the key out of the set");
                    }
                    set.remove(setting.key());
                } else if (value != null && operator && value.equals(setting.value())) {
                    set.remove(setting.key());
                } else if (value == null && operator) {
                    unset.add(setting.key());
                }
            }
        }
        return new Pending(id, pid, set, unset);
    }

    private static boolean secretSet(PluginSettingsView current, String secret) {
        String pid = secret.substring(0, secret.lastIndexOf('/'));
        String key = secret.substring(secret.lastIndexOf('/') + 1);
        return current.configurations().stream().filter(c -> c.pid().equals(pid))
                .flatMap(c -> c.settings().stream()).anyMatch(s -> s.key().equals(key) && s.set());
    }

    private Change planned(Pending change, String version) {
        Change planned = new Change(Change.Action.SETTINGS, change.id(), null, version, detail(change));
        pending.put(planned, change);
        return planned;
    }

    private static String detail(Pending change) {
        List<String> parts = new ArrayList<>();
        if (!change.set().isEmpty()) {
            parts.add("set " + String.join(", ", change.set().keySet()));
        }
        if (!change.unset().isEmpty()) {
            parts.add("unset " + String.join(", ", change.unset()));
        }
        return change.pid() + ": " + String.join("; ", parts);
    }

    /** Makes a {@code settings} change worked out by {@link #changes}; a {@code secret} change does nothing. */
    void apply(Change change, Options options) throws PluginException {
        if (change.action() != Change.Action.SETTINGS) {
            return;
        }
        Pending pending = this.pending.get(change);
        if (!pending.set().isEmpty()) {
            settings.set(pending.id(), pending.pid(), pending.set(), options.origin());
        }
        if (!pending.unset().isEmpty()) {
            settings.unset(pending.id(), pending.pid(), pending.unset(), options.origin());
        }
    }
}
