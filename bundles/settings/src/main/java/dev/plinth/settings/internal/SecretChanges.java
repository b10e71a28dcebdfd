package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plinth.api.settings.SettingRefusal;

/**
 * What an upgrade does to a plugin's stored values when its new metatype changes which keys are secrets: a key that
 * becomes a secret has its stored values sealed; a key that is no longer a secret loses its stored secret (sealed
 * text is never a plain value).
 */
final class SecretChanges {

    private SecretChanges() {
    }

    /** The stored secrets of {@code stored} that version {@code version}'s {@code schema} drops, as refusals. */
    static List<SettingRefusal> refusals(String pid, ConfigurationSchema schema, StoredConfiguration stored,
            SecretCipher cipher, String version) {
        List<SettingRefusal> refusals = new ArrayList<>();
        stored.values().forEach((key, texts) -> {
            if (formerSecret(schema, key, texts, cipher)) {
                refusals.add(new SettingRefusal(pid, key, "its stored secret is dropped: version " + version
                        + " no longer declares it a secret"));
            }
        });
        return refusals;
    }

    /** The keys of {@code stored} holding plain values that {@code schema} declares secrets (to be sealed). */
    static List<String> toSeal(ConfigurationSchema schema, StoredConfiguration stored, SecretCipher cipher) {
        List<String> keys = new ArrayList<>();
        stored.values().forEach((key, texts) -> {
            if (isSecret(schema, key) && texts.stream()
                    .anyMatch(t -> !cipher.isSealed(t) && !AttributeValues.isReference(t))) {
                keys.add(key);
            }
        });
        return keys;
    }

    /** {@code stored} as the new {@code schema} wants it: new secrets sealed, former secrets dropped. */
    static StoredConfiguration apply(ConfigurationSchema schema, StoredConfiguration stored, SecretCipher cipher)
            throws IOException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : stored.values().entrySet()) {
            String key = entry.getKey();
            if (formerSecret(schema, key, entry.getValue(), cipher)) {
                continue;
            }
            values.put(key, isSecret(schema, key) ? sealed(entry.getValue(), cipher) : entry.getValue());
        }
        Map<String, StoredValue> lastGood = new LinkedHashMap<>();
        for (Map.Entry<String, StoredValue> entry : stored.lastGood().entrySet()) {
            String key = entry.getKey();
            StoredValue value = entry.getValue();
            if (formerSecret(schema, key, value.values(), cipher)) {
                continue;
            }
            lastGood.put(key, isSecret(schema, key)
                    ? new StoredValue(value.type(), value.shape(), sealed(value.values(), cipher)) : value);
        }
        return stored.withValues(values).withLastGood(lastGood);
    }

    private static boolean isSecret(ConfigurationSchema schema, String key) {
        return schema.attribute(key).map(ConfigurationSchema.Attribute::secret).orElse(false);
    }

    private static boolean formerSecret(ConfigurationSchema schema, String key, List<String> texts,
            SecretCipher cipher) {
        Optional<ConfigurationSchema.Attribute> attribute = schema.attribute(key);
        return attribute.isPresent() && !attribute.get().secret() && texts.stream().anyMatch(cipher::isSealed);
    }

    private static List<String> sealed(List<String> texts, SecretCipher cipher) throws IOException {
        List<String> sealed = new ArrayList<>();
        for (String text : texts) {
            sealed.add(cipher.isSealed(text) || AttributeValues.isReference(text) ? text : cipher.seal(text));
        }
        return sealed;
    }
}
