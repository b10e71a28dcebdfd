package dev.plinth.settings.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeService;

import dev.plinth.api.PluginException;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.api.settings.PluginSettings;
import dev.plinth.api.settings.PluginSettingsView;

/**
 * The settings of plugins: registers {@link PluginSettings}, the two Configuration Admin plugins that deliver them
 * ({@value OperatorValuesPlugin#RANKING}: the operators' values, {@value DeliveryGuardPlugin#RANKING}: secrets
 * opened, values checked, ownership guarded) and the plugin manager's participant (ownership at install, stored
 * values at upgrade, deletion at removal). The store is {@code settings/} under the framework property
 * {@value PlinthProperties#DATA} (the bundle's data area without it).
 */
@Component(service = PluginSettings.class, immediate = true)
public final class SettingsComponent implements PluginSettings {

    /** The {@code config.plugin.id} of the delivery plugins, for {@code felix.cm.config.plugins}. */
    static final String PLUGIN_ID = "dev.plinth.settings";

    private final SettingsService service;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Activate
    public SettingsComponent(@Reference ConfigurationAdmin configurationAdmin, @Reference MetaTypeService metaType,
            @Reference(service = LoggerFactory.class) Logger log, BundleContext context) {
        SettingsStore store = new SettingsStore(directory(context));
        store.removeLeftovers();
        PluginBundles bundles = new PluginBundles(context);
        MetatypeSchemas metatype = new MetatypeSchemas(metaType);
        Function<Bundle, List<ConfigurationSchema>> schemas = metatype::schemas;
        Ownership ownership = new Ownership(bundles, schemas);
        Configurations configurations = new Configurations(configurationAdmin);
        SecretKeys keys = SecretKeys.open(directory(context), System.getenv(),
                context.getProperty(SecretKeys.KEY_FILE_PROPERTY));
        SecretCipher cipher = keys.cipher();
        SettingsValidators validators = new ServiceValidators(context);
        Misconfigurations misconfigurations = new Misconfigurations();
        this.service = new SettingsService(bundles, schemas, configurations, store, cipher, validators,
                misconfigurations, log).rotatingWith(
                        settings -> keys.rotate(reseal -> settings.resealAll(cipher::isSealed, reseal::apply)));
        register(context, ConfigurationPlugin.class,
                new OperatorValuesPlugin(bundles, store, misconfigurations, log), OperatorValuesPlugin.RANKING);
        register(context, ConfigurationPlugin.class, new DeliveryGuardPlugin(bundles, schemas, ownership, store,
                cipher, validators, misconfigurations, log), DeliveryGuardPlugin.RANKING);
        registrations.add(context.registerService(OperationParticipant.class, new SettingsParticipant(bundles,
                schemas, ownership, configurations, store, cipher, misconfigurations, log), null));
    }

    /**
     * The cipher of secrets. Until the runtime's AES-GCM cipher is wired here, no secret can be stored or opened
     * (fail closed). Wired, the component makes
     * {@code SecretKeys.open(settingsDirectory, System.getenv(), context.getProperty(SecretKeys.KEY_FILE_PROPERTY))},
     * takes its {@code cipher()}, and rotates with
     * {@code store -> keys.rotate(reseal -> store.resealAll(cipher::isSealed, reseal::apply))}.
     */
    static SecretCipher cipher(BundleContext context) {
        return new UnavailableCipher();
    }

    /**
     * How the key of {@link #cipher} is rotated: the store re-seals every secret with
     * {@code store.resealAll(cipher::isSealed, reseal)} between the new key's creation and its commit.
     */
    static KeyRotation rotation(SecretCipher cipher) {
        return KeyRotation.UNAVAILABLE;
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

    @Deactivate
    void stop() {
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
    public PluginSettingsView set(String pluginId, String pid, Map<String, List<String>> values, String origin)
            throws PluginException {
        return service.set(pluginId, pid, values, origin);
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
