package dev.plinth.settings.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The guarded Configuration Admin service: each plugin bundle gets a {@link GuardedConfigurationAdmin} around the
 * runtime's Configuration Admin obtained through the plugin's own bundle context (Configuration Admin binds and checks
 * locations against the plugin, as it would without the guard). A bundle that is not a plugin (it does not see this
 * service; it could only be handed its reference) gets the runtime's service as it is.
 */
final class GuardedAdminFactory implements ServiceFactory<ConfigurationAdmin> {

    private final Supplier<ServiceReference<ConfigurationAdmin>> runtimeAdmin;
    private final PluginBundles bundles;
    private final PidGuard guard;
    private final Map<Long, ServiceReference<ConfigurationAdmin>> used = new ConcurrentHashMap<>();

    GuardedAdminFactory(Supplier<ServiceReference<ConfigurationAdmin>> runtimeAdmin, PluginBundles bundles,
            PidGuard guard) {
        this.runtimeAdmin = runtimeAdmin;
        this.bundles = bundles;
        this.guard = guard;
    }

    @Override
    public ConfigurationAdmin getService(Bundle bundle, ServiceRegistration<ConfigurationAdmin> registration) {
        ServiceReference<ConfigurationAdmin> reference = runtimeAdmin.get();
        BundleContext context = bundle.getBundleContext();
        if (reference == null || context == null) {
            return null;
        }
        ConfigurationAdmin admin = context.getService(reference);
        if (admin == null) {
            return null;
        }
        used.put(bundle.getBundleId(), reference);
        Optional<String> pluginId = bundles.pluginId(bundle);
        return pluginId.isPresent() ? new GuardedConfigurationAdmin(admin, pluginId.get(), guard) : admin;
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<ConfigurationAdmin> registration,
            ConfigurationAdmin service) {
        ServiceReference<ConfigurationAdmin> reference = used.remove(bundle.getBundleId());
        BundleContext context = bundle.getBundleContext();
        if (reference == null || context == null) {
            return;
        }
        try {
            context.ungetService(reference);
        } catch (IllegalStateException e) {
            // the bundle is stopping: the framework releases what it used
        }
    }
}
