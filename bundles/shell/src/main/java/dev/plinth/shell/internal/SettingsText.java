package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;
import dev.plinth.common.table.Table;

/**
 * The text of the settings commands: a plugin's status and problems, then per configuration its PID, name and file,
 * and a table of its keys with type, effective value, source and default. A secret shows {@code set} or
 * {@code unset}, never a value.
 */
final class SettingsText {

    private static final String NONE = "-";

    private SettingsText() {
    }

    static String settings(PluginSettingsView view) {
        StringBuilder text = new StringBuilder("Settings of ").append(view.plugin()).append(": ")
                .append(view.status().label());
        view.problems().forEach(problem -> text.append("\n  - ").append(problem));
        if (view.configurations().isEmpty()) {
            return text.append("\n").append(view.plugin())
                    .append(" describes no settings (its bundle has no Metatype configuration).").toString();
        }
        for (ConfigurationSettings configuration : view.configurations()) {
            text.append("\n\n").append(configuration.pid());
            if (configuration.name() != null && !configuration.name().isBlank()) {
                text.append(" (").append(configuration.name()).append(')');
            }
            if (configuration.factoryPid() != null && configuration.pid().equals(configuration.factoryPid())) {
                text.append(", a factory: add one with plugin:set ").append(view.plugin()).append(' ')
                        .append(configuration.factoryPid()).append("~<name> key=value");
            }
            if (configuration.file() != null) {
                text.append("\n  file ").append(configuration.file()).append(" (its keys are locked)");
            }
            if (configuration.settings().isEmpty()) {
                text.append("\n  no attributes");
                continue;
            }
            Table table = Table.indented("  ").row("KEY", "TYPE", "VALUE", "SOURCE", "DEFAULT");
            for (Setting setting : configuration.settings()) {
                table.row(setting.key(), type(setting), value(setting), source(setting), defaults(setting));
            }
            text.append('\n').append(table.render());
        }
        return text.toString();
    }

    static String changed(SettingsViews.Changed changed) {
        String what = changed.keys().isEmpty() ? "every key" : String.join(", ", changed.keys());
        String verb = changed.verb().equals("set") ? "Set " : "Unset ";
        String where = changed.pid() == null ? "" : " of " + changed.pid();
        return verb + what + where + "." + stillInFile(changed) + "\n" + settings(changed.view());
    }

    /** For an unset of keys a file of etc/ sets: that the file's value stays the effective one. */
    private static String stillInFile(SettingsViews.Changed changed) {
        if (changed.verb().equals("set") || changed.pid() == null) {
            return "";
        }
        for (ConfigurationSettings configuration : changed.view().configurations()) {
            if (!configuration.pid().equals(changed.pid()) || configuration.file() == null) {
                continue;
            }
            List<String> filed = configuration.settings().stream()
                    .filter(s -> s.source() == Setting.Source.FILE
                            && (changed.keys().isEmpty() || changed.keys().contains(s.key())))
                    .map(Setting::key).toList();
            if (!filed.isEmpty()) {
                return " " + configuration.file() + " still sets " + String.join(", ", filed)
                        + ": the file's value stays.";
            }
        }
        return "";
    }

    static String rotated(SettingsViews.Rotated rotated) {
        return "Rotated the secret key: " + rotated.secrets() + " stored secret" + (rotated.secrets() == 1 ? "" : "s")
                + " re-encrypted with the new key.";
    }

    private static String type(Setting setting) {
        String type = setting.type() + (setting.multiple() ? "[]" : "");
        return setting.required() ? type + " (required)" : type;
    }

    private static String value(Setting setting) {
        if (setting.secret()) {
            return setting.set() ? "set" : "unset";
        }
        return setting.value().isEmpty() ? NONE : join(setting.value());
    }

    private static String source(Setting setting) {
        return setting.source() == Setting.Source.FILE ? "file (locked)" : setting.source().label();
    }

    private static String defaults(Setting setting) {
        return setting.secret() || setting.defaults().isEmpty() ? NONE : join(setting.defaults());
    }

    /** The values, comma-separated; an empty text as {@code ""}, so that it is told from no value ({@code -}). */
    private static String join(List<String> values) {
        return String.join(", ", values.stream().map(value -> value.isEmpty() ? "\"\"" : value).toList());
    }
}
