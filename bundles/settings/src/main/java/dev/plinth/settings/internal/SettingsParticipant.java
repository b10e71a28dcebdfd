package dev.plinth.settings.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.service.log.Logger;

import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.api.settings.InvalidSettingsException;
import dev.plinth.api.settings.SettingRefusal;

/**
 * The settings' part in the plugin manager's operations:
 * <ul>
 * <li>an archive installed or upgraded to that declares (in its metatype) a PID of the runtime's core or of another
 * plugin is refused with {@code SETTINGS_OWNED} naming the owner;</li>
 * <li>an upgrade whose new metatype refuses a stored or file value is refused with {@code INVALID_SETTINGS} naming
 * the keys, unless forced (the plugin then runs misconfigured on its last good settings);</li>
 * <li>a removed plugin's settings (its store file, its configurations that no file of {@code etc/} holds) are
 * deleted, unless the removal keeps data.</li>
 * </ul>
 */
final class SettingsParticipant implements OperationParticipant {

    private final PluginBundles bundles;
    private final Function<Bundle, List<ConfigurationSchema>> schemas;
    private final Ownership ownership;
    private final Configurations configurations;
    private final SettingsStore store;
    private final SecretCipher cipher;
    private final Misconfigurations misconfigurations;
    private final Logger log;
    /** The PIDs of plugins a checked plan removes, read while their metatype is still there. */
    private final Map<String, Set<String>> removing = new ConcurrentHashMap<>();
    /** The metatypes of the versions a checked plan upgrades plugins to, read from their archives. */
    private final Map<String, List<ConfigurationSchema>> upgrading = new ConcurrentHashMap<>();

    SettingsParticipant(PluginBundles bundles, Function<Bundle, List<ConfigurationSchema>> schemas,
            Ownership ownership, Configurations configurations, SettingsStore store, SecretCipher cipher,
            Misconfigurations misconfigurations, Logger log) {
        this.bundles = bundles;
        this.schemas = schemas;
        this.ownership = ownership;
        this.configurations = configurations;
        this.store = store;
        this.cipher = cipher;
        this.misconfigurations = misconfigurations;
        this.log = log;
    }

    /** Without the operation's context (a manager that does not give one): no archive to read, nothing kept. */
    private static final OperationContext NO_CONTEXT = new OperationContext() {
        @Override
        public Options options() {
            return new Options(false, false, false, "manager");
        }

        @Override
        public Optional<Path> archive(String id) {
            return Optional.empty();
        }
    };

    @Override
    public void check(Plan plan) throws PluginException {
        check(plan, NO_CONTEXT);
    }

    @Override
    public void check(Plan plan, OperationContext context) throws PluginException {
        Map<String, String> claimed = new HashMap<>();
        for (Plan.Step step : plan.steps()) {
            switch (step.action()) {
                case INSTALL, ADD_LIBRARY, UPDATE -> {
                    Optional<Path> archive = context.archive(step.id());
                    if (archive.isPresent()) {
                        checkArchive(step, archive.get(), context, claimed);
                    }
                }
                case UNINSTALL, DROP_LIBRARY -> bundles.plugin(step.id()).ifPresent(bundle -> {
                    Set<String> pids = new LinkedHashSet<>();
                    schemas.apply(bundle).forEach(s -> pids.add((s.factory() ? "~" : "") + s.pid()));
                    removing.put(step.id(), pids);
                });
                default -> {
                }
            }
        }
    }

    private void checkArchive(Plan.Step step, Path archive, OperationContext context, Map<String, String> claimed)
            throws PluginException {
        List<ConfigurationSchema> declared;
        try {
            declared = ArchiveMetatype.read(archive);
        } catch (IOException e) {
            throw new PluginException(Code.INVALID_ARCHIVE, "the metatype of " + step.id() + " cannot be read: "
                    + e.getMessage());
        }
        for (ConfigurationSchema schema : declared) {
            String invalid = Ownership.invalidPid(schema.pid());
            if (invalid != null) {
                throw new PluginException(Code.INVALID_ARCHIVE, step.id() + " declares settings for the configuration '"
                        + schema.pid() + "', which cannot be one: " + invalid);
            }
            Optional<String> owner = ownership.otherOwner(step.id(), schema.pid());
            String otherInPlan = claimed.putIfAbsent(schema.pid(), step.id());
            if (owner.isEmpty() && otherInPlan != null && !otherInPlan.equals(step.id())) {
                owner = Optional.of("plugin " + otherInPlan);
            }
            if (owner.isPresent()) {
                throw new PluginException(Code.SETTINGS_OWNED, step.id() + " declares settings for the configuration "
                        + schema.pid() + ", but " + owner.get() + " owns it");
            }
        }
        if (step.action() == Plan.Action.UPDATE) {
            checkStoredValues(step.id(), step.version(), declared, context);
            upgrading.put(step.id(), declared);
        }
    }

    private void checkStoredValues(String pluginId, String version, List<ConfigurationSchema> declared,
            OperationContext context) throws PluginException {
        StoreDocument document;
        try {
            document = store.load(pluginId);
        } catch (IOException | IllegalArgumentException e) {
            throw new PluginException(Code.IO_ERROR, "the stored settings of " + pluginId + " cannot be read to "
                    + "check them against the new version: " + e.getMessage());
        }
        Set<String> pids = new TreeSet<>(document.configurations().keySet());
        for (ConfigurationSchema schema : declared) {
            if (!schema.factory()) {
                pids.add(schema.pid());
            } else {
                try {
                    pids.addAll(configurations.factoryConfigurations(schema.pid()));
                } catch (IOException e) {
                    throw new PluginException(Code.IO_ERROR, "the configurations of " + schema.pid()
                            + " cannot be read: " + e.getMessage());
                }
            }
        }
        List<SettingRefusal> refusals = new ArrayList<>();
        for (String pid : pids) {
            Optional<ConfigurationSchema> schema = declared.stream().filter(s -> s.describes(pid)).findFirst();
            if (schema.isEmpty()) {
                continue;
            }
            Map<String, List<String>> values = new java.util.LinkedHashMap<>();
            Set<String> unchecked = new TreeSet<>();
            try {
                configurations.stored(pid).ifPresent(own -> own.values()
                        .forEach((key, value) -> values.put(key, AttributeValues.texts(value))));
            } catch (IOException e) {
                throw new PluginException(Code.IO_ERROR, "the configuration " + pid + " cannot be read: "
                        + e.getMessage());
            }
            document.configuration(pid).values().forEach((key, texts) -> values.putIfAbsent(key, texts));
            values.forEach((key, texts) -> {
                if (texts.stream().anyMatch(t -> AttributeValues.isReference(t) || cipher.isSealed(t))) {
                    unchecked.add(key);
                }
            });
            unchecked.forEach(values::remove);
            refusals.addAll(SecretChanges.refusals(pid, schema.get(), document.configuration(pid), cipher, version));
            List<String> toSeal = SecretChanges.toSeal(schema.get(), document.configuration(pid), cipher);
            if (!toSeal.isEmpty()) {
                try {
                    cipher.seal("");
                } catch (IOException e) {
                    throw new PluginException(Code.IO_ERROR, "version " + version + " of " + pluginId + " makes "
                            + pid + " " + String.join(", ", toSeal) + " a secret, but its stored value cannot be "
                            + "sealed: " + e.getMessage());
                }
            }
            boolean hasValues = !values.isEmpty() || !unchecked.isEmpty();
            for (SettingRefusal refusal : ConfigurationCheck.refusals(pid, schema.get(), values, unchecked)) {
                if (hasValues || refusal.reason().startsWith("is required") == false) {
                    refusals.add(refusal);
                }
            }
        }
        if (refusals.isEmpty()) {
            return;
        }
        List<String> lines = refusals.stream().map(SettingRefusal::line).toList();
        if (context.options().force()) {
            log.warn("{} is upgraded although its new version refuses its settings (forced): {}", pluginId,
                    String.join("; ", lines));
            context.note(pluginId, "forced: the new version refuses its settings: " + String.join("; ", lines)
                    + "; the plugin will run misconfigured on its last good settings");
            return;
        }
        throw new InvalidSettingsException(refusals, "the new version of " + pluginId + " refuses its settings: "
                + String.join("; ", lines) + "; use --force to upgrade anyway (the plugin will run misconfigured on "
                + "its last good settings)");
    }

    @Override
    public void committed(Plan plan) {
        committed(plan, NO_CONTEXT);
    }

    @Override
    public void committed(Plan plan, OperationContext context) {
        for (Plan.Step step : plan.steps()) {
            List<ConfigurationSchema> upgraded = upgrading.remove(step.id());
            if (step.action() == Plan.Action.UPDATE && upgraded != null) {
                applySecretChanges(step.id(), upgraded);
            }
            if (step.action() != Plan.Action.UNINSTALL && step.action() != Plan.Action.DROP_LIBRARY) {
                continue;
            }
            Set<String> pids = removing.remove(step.id());
            if (context.options().keepData()) {
                log.info("the settings of {} are kept for a later install (keep data)", step.id());
                continue;
            }
            try {
                delete(step.id(), pids == null ? Set.of() : pids);
            } catch (IOException | IllegalArgumentException e) {
                log.warn("the settings of the removed plugin {} cannot be deleted: {}", step.id(), e.getMessage());
            }
        }
    }

    /**
     * Seals the stored values of keys the new version makes secrets, drops the stored secrets of keys it no longer
     * declares secrets, and has the changed configurations delivered again.
     */
    private void applySecretChanges(String pluginId, List<ConfigurationSchema> declared) {
        Set<String> changed = new TreeSet<>();
        try {
            store.update(pluginId, current -> {
                StoreDocument next = current;
                for (Map.Entry<String, StoredConfiguration> entry : current.configurations().entrySet()) {
                    Optional<ConfigurationSchema> schema = declared.stream()
                            .filter(s -> s.describes(entry.getKey())).findFirst();
                    if (schema.isEmpty()) {
                        continue;
                    }
                    StoredConfiguration after = SecretChanges.apply(schema.get(), entry.getValue(), cipher);
                    if (!after.equals(entry.getValue())) {
                        changed.add(entry.getKey());
                        next = next.with(entry.getKey(), after);
                    }
                }
                return next;
            });
        } catch (IOException | RuntimeException e) {
            log.warn("the stored settings of {} cannot be brought to its new version's secrets: {}", pluginId,
                    e.getMessage());
            return;
        }
        for (String pid : changed) {
            log.info("the stored settings of {} ({}) follow its new version: its secrets sealed, former secrets "
                    + "dropped", pluginId, pid);
            Optional<ConfigurationSchema> schema = declared.stream().filter(s -> s.describes(pid)).findFirst();
            try {
                configurations.redeliver(pid, schema.filter(ConfigurationSchema::factory)
                        .map(ConfigurationSchema::pid).orElse(null));
            } catch (IOException e) {
                log.warn("the settings of {} ({}) cannot be delivered again: {}", pluginId, pid, e.getMessage());
            }
        }
    }

    private void delete(String pluginId, Set<String> declared) throws IOException {
        Set<String> pids = new TreeSet<>(store.load(pluginId).configurations().keySet());
        for (String pid : declared) {
            if (pid.startsWith("~")) {
                pids.addAll(configurations.factoryConfigurations(pid.substring(1)));
            } else {
                pids.add(pid);
            }
        }
        for (String pid : pids) {
            configurations.deleteUnlessFile(pid);
        }
        store.delete(pluginId);
        misconfigurations.forget(pluginId);
        log.info("the settings of the removed plugin {} are deleted", pluginId);
    }
}
