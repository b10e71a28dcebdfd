package dev.plinth.settings.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import org.osgi.framework.Bundle;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.SettingRefusal;

/**
 * Checks values before they are set, changing nothing (a plugin set's apply, before its first change): each key is
 * one the metatype of the version that will run declares, and its value one {@code plugin:set} would accept there.
 * References ({@code $[env:...]}) are resolved only on delivery and not checked.
 */
final class PlannedSettingsCheck {

    private final PluginBundles bundles;
    private final Function<Bundle, List<ConfigurationSchema>> schemas;

    PlannedSettingsCheck(PluginBundles bundles, Function<Bundle, List<ConfigurationSchema>> schemas) {
        this.bundles = bundles;
        this.schemas = schemas;
    }

    List<SettingRefusal> check(String pluginId, Path archive, String pid, Map<String, List<String>> values)
            throws PluginException {
        Optional<ConfigurationSchema> schema = declared(pluginId, archive).stream()
                .filter(declared -> pid != null && declared.describes(pid)).findFirst();
        if (schema.isEmpty()) {
            return List.of(new SettingRefusal(pid, null, pluginId + " declares no such configuration"));
        }
        String badName = schema.get().nameRefusal(pid);
        if (badName != null) {
            return List.of(new SettingRefusal(pid, null, badName));
        }
        List<SettingRefusal> refusals = new ArrayList<>();
        Map<String, List<String>> checked = new LinkedHashMap<>();
        Set<String> unchecked = new TreeSet<>();
        values.forEach((key, texts) -> {
            if (schema.get().attribute(key).isEmpty()) {
                refusals.add(new SettingRefusal(pid, key, "no such setting (its settings: " + String.join(", ",
                        schema.get().attributes().stream().map(ConfigurationSchema.Attribute::id).toList()) + ")"));
            } else if (texts != null && texts.stream().anyMatch(AttributeValues::isReference)) {
                unchecked.add(key);
            } else {
                checked.put(key, texts == null ? List.of() : texts);
            }
        });
        for (SettingRefusal refusal : ConfigurationCheck.refusals(pid, schema.get(), checked, unchecked)) {
            if (values.containsKey(refusal.key())) {
                refusals.add(refusal);
            }
        }
        return refusals;
    }

    private List<ConfigurationSchema> declared(String pluginId, Path archive) throws PluginException {
        if (archive == null) {
            Bundle plugin = bundles.plugin(pluginId).orElseThrow(() -> new PluginException(Code.NOT_FOUND,
                    "no plugin " + pluginId + " is installed"));
            return schemas.apply(plugin);
        }
        try {
            return ArchiveMetatype.read(archive);
        } catch (IOException | RuntimeException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, "the metatype of " + pluginId + " cannot be read: "
                    + e.getMessage());
        }
    }
}
