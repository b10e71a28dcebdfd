package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.log.Logger;

import dev.plinth.api.settings.SettingRefusal;

/**
 * The last of the settings' delivery plugins ({@code service.cmRanking} {@value #RANKING}, after references are
 * resolved): for a configuration delivered to a plugin's bundle,
 * <ul>
 * <li>a PID the plugin does not own (the core's, another plugin's) is delivered empty, with a warning;</li>
 * <li>sealed secrets are opened;</li>
 * <li>the values are checked against the plugin's metatype and validators: valid, they are delivered typed and kept
 * as the plugin's last good configuration; invalid, the plugin receives its last good configuration instead (or,
 * without one, its defaults for the refused keys) and is shown {@code misconfigured} with the reasons.</li>
 * </ul>
 */
final class DeliveryGuardPlugin implements ConfigurationPlugin {

    static final int RANKING = 900;

    private static final Pattern UNRESOLVED = Pattern.compile("\\$\\[(env|secret):[^\\]\\s]{1,200}\\]");
    private static final Set<String> KEPT = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    private final PluginBundles bundles;
    private final Function<Bundle, List<ConfigurationSchema>> schemas;
    private final Ownership ownership;
    private final SettingsStore store;
    private final SecretCipher cipher;
    private final SettingsValidators validators;
    private final Misconfigurations misconfigurations;
    private final Logger log;

    DeliveryGuardPlugin(PluginBundles bundles, Function<Bundle, List<ConfigurationSchema>> schemas,
            Ownership ownership, SettingsStore store, SecretCipher cipher, SettingsValidators validators,
            Misconfigurations misconfigurations, Logger log) {
        this.bundles = bundles;
        this.schemas = schemas;
        this.ownership = ownership;
        this.store = store;
        this.cipher = cipher;
        this.validators = validators;
        this.misconfigurations = misconfigurations;
        this.log = log;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        Bundle bundle = reference == null ? null : reference.getBundle();
        Optional<String> found = bundles.pluginId(bundle);
        Object pidValue = properties.get(Constants.SERVICE_PID);
        if (found.isEmpty() || !(pidValue instanceof String pid)) {
            return;
        }
        String pluginId = found.get();
        Object factoryValue = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        String factoryPid = factoryValue instanceof String f ? f : null;
        String schemaPid = factoryPid != null ? factoryPid : pid;
        Optional<String> owner = ownership.otherOwner(pluginId, schemaPid);
        if (owner.isPresent()) {
            clear(properties);
            log.warn("{} receives the configuration {}, which {} owns: it is given none of its values", pluginId,
                    pid, owner.get());
            misconfigurations.record(pluginId, pid, List.of(pid + ": " + owner.get() + " owns it; " + pluginId
                    + " receives none of its values"));
            return;
        }
        Optional<ConfigurationSchema> described = schemas.apply(bundle).stream()
                .filter(s -> s.pid().equals(schemaPid) && s.factory() == (factoryPid != null)).findFirst();
        if (described.isEmpty()) {
            return;
        }
        guard(pluginId, bundle, pid, described.get(), properties);
    }

    private void guard(String pluginId, Bundle bundle, String pid, ConfigurationSchema schema,
            Dictionary<String, Object> properties) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        Set<String> unopened = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
            Object value = properties.get(attribute.id());
            if (value == null) {
                continue;
            }
            List<String> texts = AttributeValues.texts(value);
            if (!attribute.secret() && texts.stream().anyMatch(cipher::isSealed)) {
                unopened.add(attribute.id());
                problems.add(pid + " " + attribute.id() + ": " + SettingsService.NO_LONGER_SECRET);
                continue;
            }
            if (attribute.secret()) {
                try {
                    texts = open(texts);
                } catch (IOException e) {
                    unopened.add(attribute.id());
                    problems.add(pid + " " + attribute.id() + ": the secret cannot be opened with the runtime's key");
                    continue;
                }
            }
            Optional<String> unresolved = texts.stream().map(DeliveryGuardPlugin::unresolvedReference)
                    .flatMap(Optional::stream).findFirst();
            if (unresolved.isPresent()) {
                unopened.add(attribute.id());
                problems.add(pid + " " + attribute.id() + ": " + unresolved.get() + " has no value here (an "
                        + "environment variable that is not set, or a secrets directory without that file)");
                continue;
            }
            values.put(attribute.id(), texts);
        }
        List<SettingRefusal> refusals = new ArrayList<>(ConfigurationCheck.refusals(pid, schema, values, unopened));
        if (refusals.isEmpty() && problems.isEmpty()) {
            refusals.addAll(validators.validate(bundle, pid, ConfigurationCheck.typedWithoutSecrets(schema, values)));
        }
        refusals.forEach(r -> problems.add(withoutValues(r, values.get(r.key())).line()));
        if (problems.isEmpty()) {
            deliverTyped(pluginId, pid, schema, values, properties);
            return;
        }
        misconfigurations.record(pluginId, pid, problems);
        log.warn("{} is misconfigured, it keeps its last good settings: {}", pluginId, String.join("; ", problems));
        Map<String, StoredValue> lastGood = lastGood(pluginId, pid);
        if (!lastGood.isEmpty()) {
            clear(properties);
            lastGood.forEach((key, stored) -> {
                boolean secret = schema.attribute(key).map(ConfigurationSchema.Attribute::secret).orElse(false);
                if (!secret && stored.values().stream().anyMatch(cipher::isSealed)) {
                    return; // a secret the plugin no longer declares one: never delivered as a plain value
                }
                try {
                    List<String> texts = schema.attribute(key).map(ConfigurationSchema.Attribute::secret)
                            .orElse(false) ? open(stored.values()) : stored.values();
                    properties.put(key, AttributeValues.restored(stored, texts));
                } catch (IOException e) {
                    log.warn("the last good secret {} of {} cannot be opened with the runtime's key", key, pid);
                }
            });
            return;
        }
        Set<String> refused = new TreeSet<>(unopened);
        refusals.forEach(r -> {
            if (r.key() != null) {
                refused.add(r.key());
            }
        });
        refused.forEach(properties::remove);
        for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
            if (!refused.contains(attribute.id()) && values.containsKey(attribute.id())) {
                properties.put(attribute.id(), typedOrText(attribute, values.get(attribute.id())));
            }
        }
    }

    /**
     * The first {@code $[env:NAME]} or {@code $[secret:NAME]} reference left in a delivered text: the interpolation
     * plugin, which runs before, leaves a reference it cannot resolve as it is.
     */
    static Optional<String> unresolvedReference(String text) {
        Matcher matcher = UNRESOLVED.matcher(text);
        return matcher.find() ? Optional.of(matcher.group()) : Optional.empty();
    }

    /**
     * A refusal without the values it was given: a delivered value may be a resolved {@code $[secret:...]} or
     * {@code $[env:...]} reference, never to be shown.
     */
    static SettingRefusal withoutValues(SettingRefusal refusal, List<String> texts) {
        String reason = refusal.reason();
        if (texts != null) {
            for (String text : texts) {
                reason = reason.replace("'" + text + "'", "the value");
                if (text.length() >= 4) {
                    reason = reason.replace(text, "the value");
                }
            }
        }
        return new SettingRefusal(refusal.pid(), refusal.key(), reason);
    }

    private void deliverTyped(String pluginId, String pid, ConfigurationSchema schema,
            Map<String, List<String>> values, Dictionary<String, Object> properties) {
        Map<String, Object> delivered = new LinkedHashMap<>();
        for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
            List<String> texts = values.get(attribute.id());
            if (texts != null) {
                Object typed = typedOrText(attribute, texts);
                properties.put(attribute.id(), typed);
                delivered.put(attribute.id(), typed);
            }
        }
        misconfigurations.clear(pluginId, pid);
        misconfigurations.clear(pluginId, pid + "#store");
        misconfigurations.clear(pluginId, pid + RequiredWithoutValue.SUFFIX);
        remember(pluginId, pid, schema, delivered);
    }

    private static Object typedOrText(ConfigurationSchema.Attribute attribute, List<String> texts) {
        try {
            return AttributeValues.typed(attribute.definition(), texts);
        } catch (RuntimeException e) {
            return texts.size() == 1 ? texts.get(0) : texts.toArray(String[]::new);
        }
    }

    /** Keeps {@code delivered} as the last good configuration when it differs from the one kept. */
    private void remember(String pluginId, String pid, ConfigurationSchema schema, Map<String, Object> delivered) {
        Map<String, StoredValue> plain = new LinkedHashMap<>();
        delivered.forEach((key, value) -> plain.put(key, AttributeValues.stored(value, t -> t)));
        Map<String, StoredValue> kept = lastGood(pluginId, pid);
        if (plain.equals(opened(schema, kept))) {
            return;
        }
        try {
            Map<String, StoredValue> sealed = new LinkedHashMap<>();
            for (Map.Entry<String, StoredValue> entry : plain.entrySet()) {
                boolean secret = schema.attribute(entry.getKey()).map(ConfigurationSchema.Attribute::secret)
                        .orElse(false);
                StoredValue value = entry.getValue();
                if (secret) {
                    List<String> texts = new ArrayList<>();
                    try {
                        for (String text : value.values()) {
                            texts.add(cipher.seal(text));
                        }
                    } catch (IOException e) {
                        continue; // without a key a secret is not kept in clear: the last good has none
                    }
                    value = new StoredValue(value.type(), value.shape(), texts);
                }
                sealed.put(entry.getKey(), value);
            }
            store.update(pluginId, current -> current.with(pid, current.configuration(pid).withLastGood(sealed)));
        } catch (IOException | IllegalArgumentException e) {
            log.warn("the last good settings of {} ({}) cannot be kept: {}", pluginId, pid, e.getMessage());
        }
    }

    private Map<String, StoredValue> opened(ConfigurationSchema schema, Map<String, StoredValue> kept) {
        Map<String, StoredValue> opened = new LinkedHashMap<>();
        for (Map.Entry<String, StoredValue> entry : kept.entrySet()) {
            StoredValue value = entry.getValue();
            if (schema.attribute(entry.getKey()).map(ConfigurationSchema.Attribute::secret).orElse(false)) {
                try {
                    value = new StoredValue(value.type(), value.shape(), open(value.values()));
                } catch (IOException e) {
                    return Map.of();
                }
            }
            opened.put(entry.getKey(), value);
        }
        return opened;
    }

    private Map<String, StoredValue> lastGood(String pluginId, String pid) {
        try {
            return store.load(pluginId).configuration(pid).lastGood();
        } catch (IOException | IllegalArgumentException e) {
            return Map.of();
        }
    }

    private List<String> open(List<String> texts) throws IOException {
        List<String> opened = new ArrayList<>();
        for (String text : texts) {
            opened.add(cipher.isSealed(text) ? cipher.open(text) : text);
        }
        return opened;
    }

    private static void clear(Dictionary<String, Object> properties) {
        for (String key : Collections.list(properties.keys())) {
            if (!KEPT.contains(key)) {
                properties.remove(key);
            }
        }
    }
}
