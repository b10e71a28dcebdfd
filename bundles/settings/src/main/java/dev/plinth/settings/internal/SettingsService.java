package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;
import org.osgi.service.metatype.AttributeDefinition;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginException;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationLog;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.settings.ConfigurationSettings;
import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;
import dev.plinth.api.settings.Setting;
import dev.plinth.api.settings.SettingRefusal;
import dev.plinth.common.FaultPoints;

/**
 * Lists, sets and unsets plugins' settings: values are checked against the plugin's metatype and validators, then
 * written to the store, then Configuration Admin is made to deliver the configuration again (the delivery plugins
 * merge the stored values in).
 */
final class SettingsService implements PluginSettings {

    /** Reached after an operator's change is written to the store, before Configuration Admin is told. */
    static final String FAULT_STORED = "settings.stored.undelivered";

    private final PluginBundles bundles;
    private final Function<Bundle, List<ConfigurationSchema>> schemas;
    private final Configurations configurations;
    private final SettingsStore store;
    private final SecretCipher cipher;
    private final SettingsValidators validators;
    private final Misconfigurations misconfigurations;
    private final Logger log;
    private final Object changing = new Object();
    private volatile KeyRotation rotation = KeyRotation.UNAVAILABLE;
    private volatile Supplier<OperationLog> history = () -> null;
    private volatile Supplier<Optional<String>> keyProblem = Optional::empty;
    private volatile Function<String, Optional<String>> otherKey = sealed -> Optional.empty();

    SettingsService(PluginBundles bundles, Function<Bundle, List<ConfigurationSchema>> schemas,
            Configurations configurations, SettingsStore store, SecretCipher cipher, SettingsValidators validators,
            Misconfigurations misconfigurations, Logger log) {
        this.bundles = bundles;
        this.schemas = schemas;
        this.configurations = configurations;
        this.store = store;
        this.cipher = cipher;
        this.validators = validators;
        this.misconfigurations = misconfigurations;
        this.log = log;
    }

    /** Where changes are recorded: the plugin manager's history (none when it is absent). */
    SettingsService recordingIn(Supplier<OperationLog> operationLog) {
        this.history = operationLog;
        return this;
    }

    /** Why the secret key cannot be used, asked at each read of a plugin's settings (none: it can). */
    SettingsService keyCheckedBy(Supplier<Optional<String>> problem) {
        this.keyProblem = problem;
        return this;
    }

    /** Why a sealed text was sealed with a key the runtime does not have (none: it has that key). */
    SettingsService otherKeyToldBy(Function<String, Optional<String>> sealedWithOtherKey) {
        this.otherKey = sealedWithOtherKey;
        return this;
    }

    /** The key's problem, else stored secrets sealed with another key than the runtime's (naming them). */
    @Override
    public Optional<String> secretKeyProblem() {
        Optional<String> problem = keyProblem.get();
        if (problem.isPresent()) {
            return problem;
        }
        List<String> secrets = new ArrayList<>();
        String why = null;
        try {
            for (String pluginId : store.pluginIds()) {
                if (bundles.plugin(pluginId).isEmpty()) {
                    continue;
                }
                for (Map.Entry<String, StoredConfiguration> entry : store.load(pluginId).configurations().entrySet()) {
                    for (Map.Entry<String, List<String>> value : entry.getValue().values().entrySet()) {
                        Optional<String> other = sealedWithOtherKey(value.getValue());
                        if (other.isPresent()) {
                            secrets.add(pluginId + " " + entry.getKey() + " " + value.getKey());
                            why = why == null ? other.get() : why;
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return secrets.isEmpty() ? Optional.empty() : Optional.of("stored secrets (" + String.join(", ", secrets)
                + ") cannot be opened: " + why + "; give the key they were sealed with, or set them again");
    }

    private Optional<String> sealedWithOtherKey(List<String> texts) {
        return texts.stream().filter(cipher::isSealed).map(otherKey).flatMap(Optional::stream).findFirst();
    }

    /**
     * Delivers again the configurations of installed plugins that hold stored secrets: called when the key becomes
     * usable again, so that the plugins get their secrets without a restart.
     */
    void deliverSecretsAgain() {
        int delivered = 0;
        try {
            for (String pluginId : store.pluginIds()) {
                if (bundles.plugin(pluginId).isEmpty()) {
                    continue;
                }
                for (Map.Entry<String, StoredConfiguration> entry : store.load(pluginId).configurations().entrySet()) {
                    StoredConfiguration stored = entry.getValue();
                    boolean secrets = stored.values().values().stream().flatMap(List::stream).anyMatch(cipher::isSealed)
                            || stored.lastGood().values().stream().flatMap(v -> v.values().stream())
                                    .anyMatch(cipher::isSealed);
                    if (secrets) {
                        String pid = entry.getKey();
                        int tilde = pid.indexOf('~');
                        configurations.redeliver(pid, tilde > 0 ? pid.substring(0, tilde) : null);
                        delivered++;
                    }
                }
            }
            log.info("the secret key can be used again: {} configurations with secrets delivered again", delivered);
        } catch (IOException | RuntimeException e) {
            log.warn("the secret key can be used again, but configurations with secrets cannot be delivered again: {}",
                    e.getMessage());
        }
    }

    /** How {@link #rotateKey} rotates the key (without one, it refuses). */
    SettingsService rotatingWith(KeyRotation keyRotation) {
        this.rotation = keyRotation;
        return this;
    }

    /**
     * When the plugin has secrets and the key cannot be used: a problem naming them (never a value), the key's
     * problem and what to do.
     */
    private Optional<String> keyProblem(List<ConfigurationSettings> configurations) {
        List<String> secrets = new ArrayList<>();
        for (ConfigurationSettings configuration : configurations) {
            configuration.settings().stream().filter(Setting::secret)
                    .forEach(setting -> secrets.add(configuration.pid() + " " + setting.key()));
        }
        if (secrets.isEmpty()) {
            return Optional.empty();
        }
        return keyProblem.get().map(problem -> "secrets (" + String.join(", ", secrets) + ") can be neither stored "
                + "nor delivered: " + problem);
    }

    @Override
    public Map<String, List<String>> problems() {
        return misconfigurations.all();
    }

    @Override
    public PluginSettingsView settings(String pluginId) throws PluginException {
        Bundle bundle = plugin(pluginId);
        StoreDocument document = load(pluginId);
        List<ConfigurationSettings> all = new ArrayList<>();
        List<String> unusable = new ArrayList<>();
        try {
            for (ConfigurationSchema schema : schemas.apply(bundle)) {
                for (String pid : configurationPids(schema, document)) {
                    Optional<Configurations.Stored> own = configurations.stored(pid);
                    ConfigurationSettings view = view(pid, schema, document.configuration(pid), own);
                    all.add(view);
                    boolean hasValues = !document.configuration(pid).values().isEmpty()
                            || own.map(o -> !o.values().isEmpty()).orElse(false);
                    if (!schema.factory() || !pid.equals(schema.pid()) && hasValues) {
                        unusable.addAll(unusable(view, schema, document.configuration(pid), own));
                    }
                }
            }
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "the settings of " + pluginId + " cannot be read: "
                    + e.getMessage());
        }
        all.sort(java.util.Comparator.comparing(ConfigurationSettings::pid));
        List<String> problems = new ArrayList<>(misconfigurations.ofDeliveries(pluginId));
        document.configurations().forEach((pid, stored) -> stored.values().forEach((key, texts) ->
                sealedWithOtherKey(texts).ifPresent(why -> unusable.add(pid + " " + key + ": the stored secret was "
                        + why + ": give the key it was sealed with, or set the secret again"))));
        unusable.stream().filter(problem -> !problems.contains(problem)).forEach(problems::add);
        keyProblem(all).ifPresent(problems::add);
        return new PluginSettingsView(pluginId,
                problems.isEmpty() ? PluginSettingsView.Status.OK : PluginSettingsView.Status.MISCONFIGURED,
                problems, all);
    }

    @Override
    public PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values, String origin)
            throws PluginException {
        if (values == null || values.isEmpty()) {
            throw new PluginException(Code.INVALID_INPUT, "no setting to set: give key=value");
        }
        return change(pluginId, pid, values.keySet(), origin, (target, current) -> {
            Map<String, List<String>> next = new LinkedHashMap<>(current);
            List<SettingRefusal> refusals = new ArrayList<>();
            for (Map.Entry<String, List<String>> entry : values.entrySet()) {
                ConfigurationSchema.Attribute attribute = target.schema.attribute(entry.getKey()).orElseThrow();
                List<String> split = AttributeValues.split(attribute.definition(),
                        entry.getValue() == null ? List.of() : entry.getValue());
                AttributeValues.refusal(attribute.definition(), split)
                        .or(() -> !attribute.secret() && split.stream().anyMatch(cipher::isSealed)
                                ? Optional.of("looks like a sealed secret, which is never a plain value")
                                : Optional.empty())
                        .ifPresent(reason -> refusals.add(new SettingRefusal(target.pid, entry.getKey(), reason)));
                next.put(entry.getKey(), split);
            }
            return new Candidate(next, refusals);
        }, "set");
    }

    @Override
    public PluginSettingsView unset(String pluginId, String pid, Set<String> keys, String origin)
            throws PluginException {
        Set<String> requested = keys == null ? Set.of() : keys;
        return change(pluginId, pid, requested, origin, (target, current) -> {
            Map<String, List<String>> next = new LinkedHashMap<>(current);
            if (requested.isEmpty()) {
                next.clear();
            } else {
                next.keySet().removeAll(requested);
            }
            return new Candidate(next, List.of());
        }, "unset");
    }

    @Override
    public int rotateKey() throws PluginException {
        synchronized (changing) {
            try {
                int resealed = rotation.rotate(store);
                log.info("the secret key is rotated: {} stored secrets re-sealed", resealed);
                return resealed;
            } catch (IOException | RuntimeException e) {
                throw new PluginException(Code.IO_ERROR, "the secret key cannot be rotated: " + e.getMessage());
            }
        }
    }

    /** What a change would store for a configuration, and its own refusals. */
    private record Candidate(Map<String, List<String>> values, List<SettingRefusal> refusals) {
    }

    @FunctionalInterface
    private interface Edit {
        Candidate apply(Target target, Map<String, List<String>> current) throws PluginException;
    }

    /** The configuration a change is about. */
    private record Target(String pid, ConfigurationSchema schema) {

        String factoryPid() {
            return schema.factory() ? schema.pid() : null;
        }
    }

    private PluginSettingsView change(String pluginId, String pid, Set<String> keys, String origin, Edit edit,
            String verb) throws PluginException {
        synchronized (changing) {
            try {
                PluginSettingsView view = changeAlone(pluginId, pid, keys, origin, edit, verb);
                record(pluginId, Operation.Outcome.SUCCEEDED, verb + " " + described(pid, keys), origin);
                return view;
            } catch (PluginException e) {
                if (e.code() != Code.NOT_FOUND) {
                    recordFailure(pluginId, e, verb + " " + described(pid, keys) + " refused ("
                            + e.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ")", origin);
                }
                throw e;
            }
        }
    }

    /** What a change touched, in words for the history: the PID and the keys, never a value. */
    private static String described(String pid, Set<String> keys) {
        return (pid == null ? "" : pid + ": ") + (keys.isEmpty() ? "every key" : String.join(", ", new TreeSet<>(keys)));
    }

    private void record(String pluginId, Operation.Outcome outcome, String message, String origin) {
        OperationLog operations = history.get();
        Optional<Bundle> plugin = pluginId == null ? Optional.empty() : bundles.plugin(pluginId);
        if (operations != null && plugin.isPresent()) {
            operations.record(Verb.SETTINGS, pluginId, plugin.get().getVersion().toString(), outcome, message,
                    origin);
        }
    }

    private void recordFailure(String pluginId, PluginException failure, String message, String origin) {
        OperationLog operations = history.get();
        Optional<Bundle> plugin = pluginId == null ? Optional.empty() : bundles.plugin(pluginId);
        if (operations != null && plugin.isPresent()) {
            operations.recordFailure(Verb.SETTINGS, pluginId, plugin.get().getVersion().toString(), failure, message,
                    origin);
        }
    }

    /** One change at a time: a change computes its values from the store as it is. */
    private PluginSettingsView changeAlone(String pluginId, String pid, Set<String> keys, String origin, Edit edit,
            String verb) throws PluginException {
        Bundle bundle = plugin(pluginId);
        Target target = target(pluginId, pid, schemas.apply(bundle));
        Configurations.Stored file;
        try {
            file = configurations.stored(target.pid).orElse(new Configurations.Stored(null, Map.of()));
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "the configuration " + target.pid + " cannot be read: "
                    + e.getMessage());
        }
        StoreDocument document = load(pluginId);
        StoredConfiguration stored = document.configuration(target.pid);
        boolean unsetting = "unset".equals(verb);
        for (String key : keys) {
            if (target.schema.attribute(key).isEmpty()) {
                throw new PluginException(Code.NOT_FOUND, pluginId + " has no setting " + key + " in " + target.pid
                        + " (its settings: " + String.join(", ",
                                target.schema.attributes().stream().map(ConfigurationSchema.Attribute::id).toList())
                        + ")");
            }
            if (file.locks(key) && !(unsetting && stored.values().containsKey(key))) {
                throw locked(target.pid, key, file.file());
            }
        }
        Candidate candidate = edit.apply(target, stored.values());
        boolean deleting = target.schema.factory() && candidate.values().isEmpty() && file.file() == null;
        Map<String, List<String>> effective = new LinkedHashMap<>();
        file.values().forEach((key, value) -> effective.put(key, AttributeValues.texts(value)));
        effective.putAll(candidate.values());
        List<SettingRefusal> refusals = new ArrayList<>(candidate.refusals());
        Set<String> refusedKeys = new TreeSet<>();
        refusals.forEach(r -> refusedKeys.add(r.key()));
        Map<String, List<String>> checked = withoutReferences(target.schema, effective);
        Set<String> unchecked = new TreeSet<>(effective.keySet());
        unchecked.removeAll(checked.keySet());
        Set<String> refusedBefore = refusedKeys(target, file, stored.values());
        for (SettingRefusal refusal : deleting ? List.<SettingRefusal>of()
                : ConfigurationCheck.refusals(target.pid, target.schema, checked, unchecked)) {
            boolean written = !unsetting && keys.contains(refusal.key());
            if ((keys.isEmpty() || keys.contains(refusal.key())) && !refusedKeys.contains(refusal.key())
                    && (written || !refusedBefore.contains(refusal.key()))) {
                refusals.add(refusal);
            }
        }
        if (refusals.isEmpty() && !deleting) {
            refusals.addAll(validators.validate(bundle, target.pid,
                    ConfigurationCheck.typedWithoutSecrets(target.schema, checked)));
        }
        if (!refusals.isEmpty()) {
            throw new InvalidSettingsException(pluginId, refusals);
        }
        Map<String, List<String>> sealed = seal(target.schema, candidate.values(), stored.values());
        try {
            store.update(pluginId, current -> current.with(target.pid, deleting ? StoredConfiguration.EMPTY
                    : current.configuration(target.pid).withValues(sealed)));
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginException(Code.IO_ERROR, "the settings of " + pluginId + " cannot be written: "
                    + e.getMessage());
        }
        FaultPoints.reach(FAULT_STORED);
        try {
            if (deleting) {
                configurations.deleteUnlessFile(target.pid);
            } else {
                configurations.redeliver(target.pid, target.factoryPid());
            }
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "the settings of " + pluginId + " are stored but "
                    + target.pid + " cannot be delivered: " + e.getMessage());
        }
        log.info("settings of {} changed ({} {} by {}): {}", pluginId, verb, target.pid, origin,
                keys.isEmpty() ? "every key" : String.join(", ", new TreeSet<>(keys)));
        return settings(pluginId);
    }

    /**
     * The keys the configuration refuses as it is before a change: a change is refused only when it makes a key
     * invalid or writes an invalid value, so that an operator can fill required keys one call at a time.
     */
    private Set<String> refusedKeys(Target target, Configurations.Stored file, Map<String, List<String>> stored) {
        Map<String, List<String>> before = new LinkedHashMap<>();
        file.values().forEach((key, value) -> before.put(key, AttributeValues.texts(value)));
        before.putAll(stored);
        Map<String, List<String>> checked = withoutReferences(target.schema, before);
        Set<String> unchecked = new TreeSet<>(before.keySet());
        unchecked.removeAll(checked.keySet());
        Set<String> refused = new TreeSet<>();
        ConfigurationCheck.refusals(target.pid, target.schema, checked, unchecked)
                .forEach(refusal -> refused.add(refusal.key()));
        return refused;
    }

    private static PluginException locked(String pid, String key, String file) {
        return new PluginException(Code.SETTINGS_LOCKED, key + " of " + pid + " is set in etc/" + file
                + ": change the file, not the setting");
    }

    /** The values without those resolved only on delivery ({@code $[env:...]}), and without sealed secrets. */
    private Map<String, List<String>> withoutReferences(ConfigurationSchema schema, Map<String, List<String>> values) {
        Map<String, List<String>> checked = new LinkedHashMap<>();
        values.forEach((key, texts) -> {
            boolean secret = schema.attribute(key).map(ConfigurationSchema.Attribute::secret).orElse(false);
            if (texts.stream().noneMatch(t -> AttributeValues.isReference(t) || secret && cipher.isSealed(t))) {
                checked.put(key, texts);
            }
        });
        return checked;
    }

    private Map<String, List<String>> seal(ConfigurationSchema schema, Map<String, List<String>> values,
            Map<String, List<String>> before) throws PluginException {
        Map<String, List<String>> sealed = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> entry : values.entrySet()) {
            boolean secret = schema.attribute(entry.getKey()).map(ConfigurationSchema.Attribute::secret)
                    .orElse(false);
            if (!secret || entry.getValue().equals(before.get(entry.getKey()))) {
                sealed.put(entry.getKey(), entry.getValue());
                continue;
            }
            List<String> texts = new ArrayList<>();
            for (String text : entry.getValue()) {
                try {
                    texts.add(AttributeValues.isReference(text) || cipher.isSealed(text) ? text : cipher.seal(text));
                } catch (IOException e) {
                    throw new PluginException(Code.IO_ERROR, "the secret " + entry.getKey() + " cannot be stored: "
                            + keyProblem.get().orElse(e.getMessage()));
                }
            }
            sealed.put(entry.getKey(), texts);
        }
        return sealed;
    }

    private Target target(String pluginId, String pid, List<ConfigurationSchema> all) throws PluginException {
        if (all.isEmpty()) {
            throw new PluginException(Code.NOT_FOUND, pluginId + " has no settings (its bundle has no metatype)");
        }
        if (pid == null || pid.isBlank()) {
            List<ConfigurationSchema> singles = all.stream().filter(s -> !s.factory()).toList();
            if (singles.size() == 1 && all.size() == 1) {
                return owned(pluginId, new Target(singles.get(0).pid(), singles.get(0)));
            }
            throw new PluginException(Code.INVALID_INPUT, pluginId + " has several configurations: name one of "
                    + names(all));
        }
        for (ConfigurationSchema schema : all) {
            if (!schema.factory() && schema.pid().equals(pid) || schema.factory() && schema.describes(pid)) {
                String badName = schema.nameRefusal(pid);
                if (badName != null) {
                    throw new PluginException(Code.INVALID_INPUT, badName);
                }
                return owned(pluginId, new Target(pid, schema));
            }
            if (schema.factory() && schema.pid().equals(pid)) {
                throw new PluginException(Code.INVALID_INPUT, pid + " is a factory: name one of its configurations "
                        + "as " + pid + "~NAME");
            }
        }
        throw new PluginException(Code.NOT_FOUND, pluginId + " has no configuration " + pid + " (its configurations: "
                + names(all) + ")");
    }

    private static Target owned(String pluginId, Target target) throws PluginException {
        if (Ownership.isCore(pluginId, target.schema.pid())) {
            throw new PluginException(Code.SETTINGS_OWNED, target.schema.pid() + " belongs to the runtime's core, "
                    + "not to " + pluginId);
        }
        return target;
    }

    private static String names(List<ConfigurationSchema> all) {
        return String.join(", ", all.stream().map(s -> s.factory() ? s.pid() + "~NAME" : s.pid()).toList());
    }

    private Bundle plugin(String pluginId) throws PluginException {
        if (pluginId == null || pluginId.isBlank()) {
            throw new PluginException(Code.INVALID_INPUT, "no plugin named");
        }
        return bundles.plugin(pluginId).orElseThrow(() -> new PluginException(Code.NOT_FOUND,
                "no plugin " + pluginId + " is installed"));
    }

    private StoreDocument load(String pluginId) throws PluginException {
        try {
            return store.load(pluginId);
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginException(Code.IO_ERROR, "the settings of " + pluginId + " cannot be read: "
                    + e.getMessage());
        }
    }

    private List<String> configurationPids(ConfigurationSchema schema, StoreDocument document) throws IOException {
        if (!schema.factory()) {
            return List.of(schema.pid());
        }
        Set<String> pids = new TreeSet<>(configurations.factoryConfigurations(schema.pid()));
        document.configurations().keySet().stream().filter(schema::describes).forEach(pids::add);
        return pids.isEmpty() ? List.of(schema.pid()) : new ArrayList<>(new LinkedHashSet<>(pids));
    }

    private ConfigurationSettings view(String pid, ConfigurationSchema schema, StoredConfiguration stored,
            Optional<Configurations.Stored> configuration) {
        Configurations.Stored own = configuration.orElse(new Configurations.Stored(null, Map.of()));
        List<Setting> settings = new ArrayList<>();
        for (ConfigurationSchema.Attribute attribute : schema.attributes()) {
            settings.add(setting(attribute, stored, own));
        }
        return new ConfigurationSettings(pid, schema.factory() ? schema.pid() : null, schema.name(),
                schema.description(), own.file() == null ? null : "etc/" + own.file(), settings);
    }

    /**
     * The keys of a configuration that cannot be delivered as they are: a required key without value nor default,
     * a key holding sealed text that its metatype no longer declares a secret (never delivered as a value).
     */
    private List<String> unusable(ConfigurationSettings view, ConfigurationSchema schema, StoredConfiguration stored,
            Optional<Configurations.Stored> own) {
        List<String> problems = new ArrayList<>();
        for (Setting setting : view.settings()) {
            ConfigurationSchema.Attribute attribute = schema.attribute(setting.key()).orElseThrow();
            if (attribute.required() && attribute.defaults().isEmpty() && !setting.set()) {
                problems.add(new SettingRefusal(view.pid(), setting.key(), "is required and has no value").line());
            } else if (!setting.secret() && texts(attribute.id(), stored, own).stream().anyMatch(cipher::isSealed)) {
                problems.add(new SettingRefusal(view.pid(), setting.key(), NO_LONGER_SECRET).line());
            }
        }
        return problems;
    }

    private static List<String> texts(String key, StoredConfiguration stored, Optional<Configurations.Stored> own) {
        if (own.isPresent() && own.get().values().containsKey(key)) {
            return AttributeValues.texts(own.get().values().get(key));
        }
        return stored.values().getOrDefault(key, List.of());
    }

    /** Why a key's sealed value is neither shown nor delivered. */
    static final String NO_LONGER_SECRET = "holds a sealed secret, but the plugin no longer declares it a secret: "
            + "it is not delivered; set a new value or unset it";

    private Setting setting(ConfigurationSchema.Attribute attribute, StoredConfiguration stored,
            Configurations.Stored own) {
        AttributeDefinition definition = attribute.definition();
        String key = attribute.id();
        List<String> texts;
        Setting.Source source;
        if (own.values().containsKey(key)) {
            texts = AttributeValues.texts(own.values().get(key));
            source = own.file() != null ? Setting.Source.FILE : Setting.Source.OPERATOR;
        } else if (stored.values().containsKey(key)) {
            texts = stored.values().get(key);
            source = Setting.Source.OPERATOR;
        } else {
            texts = List.of();
            source = Setting.Source.DEFAULT;
        }
        if (texts.stream().anyMatch(t -> t.contains("$[env:"))) {
            source = Setting.Source.ENVIRONMENT;
        } else if (texts.stream().anyMatch(t -> t.contains("$[secret:"))) {
            source = Setting.Source.SECRET_REFERENCE;
        }
        boolean secret = attribute.secret();
        if (!secret && texts.stream().anyMatch(cipher::isSealed)) {
            return new Setting(key, definition.getName(), definition.getDescription(),
                    AttributeValues.typeName(definition.getType()), AttributeValues.isMultiple(definition),
                    attribute.required(), false, attribute.defaults(), List.of(), true, source, List.of());
        }
        boolean set = secret ? !texts.isEmpty()
                : source != Setting.Source.DEFAULT;
        List<String> value = secret ? List.of() : source == Setting.Source.DEFAULT ? attribute.defaults() : texts;
        List<Setting.Option> options = new ArrayList<>();
        String[] optionValues = definition.getOptionValues();
        String[] optionLabels = definition.getOptionLabels();
        if (optionValues != null) {
            for (int i = 0; i < optionValues.length; i++) {
                options.add(new Setting.Option(optionValues[i],
                        optionLabels != null && i < optionLabels.length ? optionLabels[i] : optionValues[i]));
            }
        }
        return new Setting(key, definition.getName(), definition.getDescription(),
                AttributeValues.typeName(definition.getType()), AttributeValues.isMultiple(definition),
                attribute.required(), secret, secret ? List.of() : attribute.defaults(), value, set, source,
                secret ? List.of() : options);
    }
}
