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
 * runtime's Configuration Admin obtained through the settings bundle's own context, which passes the plugin bundle's
 * location where Configuration Admin would take the caller's (so a configuration a plugin creates is bound to it, as
 * it would be without the guard), and the runtime's service is never among the plugin's services in use. A bundle
 * that is not a plugin (it does not see this service; it could only be handed its reference) gets the runtime's
 * service as it is, through its own context.
 */
final class GuardedAdminFactory implements ServiceFactory<ConfigurationAdmin> {

    private final Supplier<ServiceReference<ConfigurationAdmin>> runtimeAdmin;
    private final PluginBundles bundles;
    private final PidGuard guard;
    private final BundleContext own;
    private final Map<Long, Use> used = new ConcurrentHashMap<>();

    private record Use(BundleContext context, ServiceReference<ConfigurationAdmin> reference) {
    }

    /** @param own the settings bundle's context, through which plugins' instances are got */
    GuardedAdminFactory(Supplier<ServiceReference<ConfigurationAdmin>> runtimeAdmin, BundleContext own,
            PluginBundles bundles, PidGuard guard) {
        this.own = own;
        this.runtimeAdmin = runtimeAdmin;
        this.bundles = bundles;
        this.guard = guard;
    }

    @Override
    public ConfigurationAdmin getService(Bundle bundle, ServiceRegistration<ConfigurationAdmin> registration) {
        ServiceReference<ConfigurationAdmin> reference = runtimeAdmin.get();
        Optional<String> pluginId = bundles.pluginId(bundle);
        BundleContext context = pluginId.isPresent() ? own : bundle.getBundleContext();
        if (reference == null || context == null) {
            return null;
        }
        ConfigurationAdmin admin = context.getService(reference);
        if (admin == null) {
            return null;
        }
        used.put(bundle.getBundleId(), new Use(context, reference));
        return pluginId.isPresent() ? new GuardedConfigurationAdmin(admin, pluginId.get(), bundle.getLocation(), guard)
                : admin;
    }

    @Override
    public void ungetService(Bundle bundle, ServiceRegistration<ConfigurationAdmin> registration,
            ConfigurationAdmin service) {
        Use use = used.remove(bundle.getBundleId());
        if (use == null || use.context() == null) {
            return;
        }
        try {
            use.context().ungetService(use.reference());
        } catch (IllegalStateException e) {
            // the bundle is stopping: the framework releases what it used
        }
    }
}
