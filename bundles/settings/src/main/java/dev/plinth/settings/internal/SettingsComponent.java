package dev.plinth.settings.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeService;

import dev.plinth.api.PluginException;
import dev.plinth.api.extension.OperationLog;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;

/**
 * The settings of plugins: registers {@link PluginSettings} (for the runtime's own bundles; a plugin is refused), the
 * two Configuration Admin plugins that deliver them ({@value OperatorValuesPlugin#RANKING}: the operators' values,
 * {@value DeliveryGuardPlugin#RANKING}: secrets opened, values checked, ownership guarded) and the plugin manager's
 * participant (ownership at install, stored values at upgrade, deletion at removal). The store is {@code settings/}
 * under the framework property {@value PlinthProperties#DATA} (the bundle's data area without it).
 */
@Component(service = {}, immediate = true)
public final class SettingsComponent implements PluginSettings {

    /** The {@code config.plugin.id} of the delivery plugins, for {@code felix.cm.config.plugins}. */
    static final String PLUGIN_ID = "dev.plinth.settings";

    private final SettingsService service;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final Carriers carriers;
    private final RequiredWithoutValue required;
    private final BundleContext context;
    private final ScheduledExecutorService watching;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile OperationLog history;
    private final PlannedSettingsCheck plannedCheck;

    @Activate
    public SettingsComponent(@Reference ConfigurationAdmin configurationAdmin, @Reference MetaTypeService metaType,
            @Reference(service = LoggerFactory.class) Logger log, BundleContext context) {
        Path directory = directory(context);
        SettingsStore store = new SettingsStore(directory);
        store.removeLeftovers();
        PluginBundles bundles = new PluginBundles(context);
        MetatypeSchemas metatype = new MetatypeSchemas(metaType);
        Function<Bundle, List<ConfigurationSchema>> schemas = metatype::schemas;
        Ownership ownership = new Ownership(bundles, schemas);
        Configurations configurations = new Configurations(configurationAdmin);
        SecretKeys keys = SecretKeys.open(directory, System.getenv(),
                context.getProperty(SecretKeys.KEY_FILE_PROPERTY));
        SecretCipher cipher = keys.cipher();
        SettingsValidators validators = new ServiceValidators(context);
        Misconfigurations misconfigurations = new Misconfigurations();
        AtomicReference<SettingsService> delivering = new AtomicReference<>();
        KeyWatch watch = new KeyWatch(keys::problem, () -> delivering.get().deliverSecretsAgain());
        this.service = new SettingsService(bundles, schemas, configurations, store, cipher, validators,
                misconfigurations, log).rotatingWith(rotation(keys, cipher)).recordingIn(() -> history)
                .keyCheckedBy(watch::check).otherKeyToldBy(keys::otherKey);
        delivering.set(this.service);
        this.watching = watchKey(watch, log);
        this.plannedCheck = new PlannedSettingsCheck(bundles, schemas);
        finishRotation(keys, store, cipher, log);
        register(context, ConfigurationPlugin.class,
                new OperatorValuesPlugin(bundles, schemas, store, misconfigurations, log), OperatorValuesPlugin.RANKING);
        register(context, ConfigurationPlugin.class, new DeliveryGuardPlugin(bundles, schemas, ownership, store,
                cipher, validators, misconfigurations, log), DeliveryGuardPlugin.RANKING);
        Carriers carriers = new Carriers(bundles, store, configurations, log);
        registrations.add(context.registerService(ConfigurationListener.class, carriers, null));
        context.addBundleListener(carriers);
        this.carriers = carriers;
        this.context = context;
        carriers.restoreAll();
        RequiredWithoutValue required = new RequiredWithoutValue(bundles, schemas, store, configurations,
                misconfigurations, log);
        context.addBundleListener(required);
        this.required = required;
        required.checkAll();
        registrations.add(context.registerService(PluginSettings.class, new OperatorsOnly(bundles, this), null));
        registrations.add(context.registerService(OperationParticipant.class, new SettingsParticipant(bundles,
                schemas, ownership, configurations, store, cipher, misconfigurations, log), null));
    }

    /**
     * How the key is rotated: the store re-seals every secret between the new key's creation and its commit, so a
     * crash part-way leaves every secret openable.
     */
    static KeyRotation rotation(SecretKeys keys, SecretCipher cipher) {
        return store -> keys.rotate(reseal -> store.resealAll(cipher::isSealed, reseal::apply));
    }

    /** Checks the key at start (logging where it comes from when it cannot be used) and ends a rotation a crash cut. */
    private static void finishRotation(SecretKeys keys, SettingsStore store, SecretCipher cipher, Logger log) {
        try {
            keys.check();
            if (keys.rotationPending()) {
                int resealed = rotation(keys, cipher).rotate(store);
                log.info("an interrupted rotation of the secret key is finished: {} stored secrets re-sealed",
                        resealed);
            }
        } catch (IOException e) {
            log.error("the secret key ({}) cannot be used: {}; secrets can be neither stored nor delivered until it "
                    + "can", keys.source(), e.getMessage());
        }
    }

    private void register(BundleContext context, Class<ConfigurationPlugin> type, ConfigurationPlugin plugin,
            int ranking) {
        Dictionary<String, Object> properties = new Hashtable<>(Map.of(ConfigurationPlugin.CM_RANKING, ranking,
                "config.plugin.id", PLUGIN_ID));
        registrations.add(context.registerService(type, plugin, properties));
    }

    private static Path directory(BundleContext context) {
        String data = context.getProperty(PlinthProperties.DATA);
        if (data != null && !data.isBlank()) {
            return Path.of(data, "settings").toAbsolutePath();
        }
        return context.getDataFile("settings").toPath().toAbsolutePath();
    }

    /** Checks the key every {@value #KEY_CHECK_SECONDS} seconds too, so that a fixed key is noticed unasked. */
    private static ScheduledExecutorService watchKey(KeyWatch watch, Logger log) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "plinth-settings-key-watch");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                watch.check();
            } catch (RuntimeException e) {
                log.warn("the secret key cannot be checked: {}", e.getMessage());
            }
        }, KEY_CHECK_SECONDS, KEY_CHECK_SECONDS, TimeUnit.SECONDS);
        return executor;
    }

    private static final long KEY_CHECK_SECONDS = 2;

    @Deactivate
    void stop() {
        watching.shutdownNow();
        try {
            context.removeBundleListener(carriers);
            context.removeBundleListener(required);
        } catch (IllegalStateException e) {
            // the bundle is stopping: its listeners go with it
        }
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    @Override
    public PluginSettingsView settings(String pluginId) throws PluginException {
        return service.settings(pluginId);
    }

    @Override
    public Map<String, List<String>> problems() {
        return service.problems();
    }

    @Override
    public Optional<String> secretKeyProblem() {
        return service.secretKeyProblem();
    }

    @Override
    public PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values, String origin)
            throws PluginException {
        return service.set(pluginId, pid, values, origin);
    }

    @Override
    public List<dev.plinth.api.settings.SettingRefusal> check(String pluginId, Path archive, String pid,
            Map<String, List<String>> values) throws PluginException {
        return plannedCheck.check(pluginId, archive, pid, values);
    }

    @Override
    public PluginSettingsView unset(String pluginId, String pid, Set<String> keys, String origin)
            throws PluginException {
        return service.unset(pluginId, pid, keys, origin);
    }

    @Override
    public int rotateKey() throws PluginException {
        return service.rotateKey();
    }
}
