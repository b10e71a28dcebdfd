package dev.plinth.settings.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plinth.api.settings.SettingRefusal;

/**
 * Checks a configuration's values against its metatype: each described key's values (type, cardinality, options,
 * the attribute's own validate), and a required attribute that has neither a value nor a default.
 */
final class ConfigurationCheck {

    private ConfigurationCheck() {
    }

    /**
     * The refusals of {@code values} (texts by key, for the keys that have a value) as configuration {@code pid} of
     * {@code schema}; keys the schema does not describe are not checked, nor those of {@code unchecked}, which have a
     * value checked only on delivery (a reference, a sealed secret).
     */
    static List<SettingRefusal> refusals(String pid, ConfigurationSchema schema, Map<String, List<String>> values,
            java.util.Set<String> unchecked) {
        List<SettingRefusal> refusals = new ArrayList<>();
        for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
            List<String> texts = values.get(attribute.id());
            if (unchecked.contains(attribute.id())) {
                continue;
            }
            if (texts == null) {
                if (attribute.required() && attribute.defaults().isEmpty()) {
                    refusals.add(new SettingRefusal(pid, attribute.id(), "is required and has no value"));
                }
                continue;
            }
            if (attribute.required() && texts.stream().allMatch(String::isEmpty)) {
                refusals.add(new SettingRefusal(pid, attribute.id(), "is required: an empty value is no value"));
                continue;
            }
            Optional<String> refusal = AttributeValues.refusal(attribute.definition(), texts);
            refusal.ifPresent(reason -> refusals.add(new SettingRefusal(pid, attribute.id(), reason)));
        }
        return refusals;
    }

    /** The typed values the plugin would receive, secrets left out (for its validators). */
    static Map<String, Object> typedWithoutSecrets(ConfigurationSchema schema, Map<String, List<String>> values) {
        Map<String, Object> typed = new LinkedHashMap<>();
        for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
            if (attribute.secret()) {
                continue;
            }
            List<String> texts = values.containsKey(attribute.id()) ? values.get(attribute.id())
                    : attribute.defaults();
            if (texts.isEmpty() && attribute.definition().getCardinality() == 0) {
                continue;
            }
            try {
                typed.put(attribute.id(), AttributeValues.typed(attribute.definition(), texts));
            } catch (RuntimeException e) {
                typed.put(attribute.id(), String.join(",", texts));
            }
        }
        return typed;
    }
}
