package dev.plinth.settings.internal;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.cm.SynchronousConfigurationListener;

/**
 * Service hooks that decide which Configuration Admin services a bundle sees:
 * <ul>
 * <li>a plugin's bundle sees only Plinth's guarded Configuration Admin (marked {@value #GUARDED}), never the
 * runtime's own, nor one another bundle registers;</li>
 * <li>every other bundle (the guard's own too) sees the runtime's Configuration Admin and never the guarded one, nor
 * one a plugin registers;</li>
 * <li>a {@link ConfigurationPlugin}, {@link ConfigurationListener} or {@link SynchronousConfigurationListener} a
 * plugin registers is seen by no other bundle but the guard's (Configuration Admin would call it with every configuration, and give
 * it its own unguarded service in every event); listeners are called by {@link ListenerRelay} instead.</li>
 * </ul>
 * Find hooks and event listener hooks filter lookups and service events only; see docs/settings.md for what they do
 * not hold.
 */
final class ConfigurationVisibility implements FindHook, EventListenerHook {

    /** The service property that marks the guarded Configuration Admin. */
    static final String GUARDED = "plinth.settings.guarded";

    private static final Set<String> HIDDEN_FROM_OTHERS = Set.of(ConfigurationPlugin.class.getName(),
            ConfigurationListener.class.getName(), SynchronousConfigurationListener.class.getName());

    private final PluginBundles bundles;
    private final Bundle guardBundle;
    private final Consumer<Bundle> hiddenPlugin;
    private final Set<Long> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param guardBundle the bundle that registers the guarded Configuration Admin
     * @param hiddenPlugin told once per plugin bundle whose configuration plugin is hidden
     */
    ConfigurationVisibility(PluginBundles bundles, Bundle guardBundle, Consumer<Bundle> hiddenPlugin) {
        this.bundles = bundles;
        this.guardBundle = guardBundle;
        this.hiddenPlugin = hiddenPlugin;
    }

    /** Whether {@code caller} must not see {@code reference}. */
    boolean hidden(Bundle caller, ServiceReference<?> reference) {
        Bundle registrant = reference.getBundle();
        if (caller == null || registrant == null || caller.getBundleId() == 0) {
            return false;
        }
        List<String> types = types(reference);
        boolean registeredByPlugin = bundles.pluginId(registrant).isPresent();
        if (types.contains(ConfigurationAdmin.class.getName())) {
            boolean guarded = registrant.equals(guardBundle) && reference.getProperty(GUARDED) != null;
            return bundles.pluginId(caller).isPresent() ? !guarded : guarded || registeredByPlugin;
        }
        if (registrant.equals(caller)) {
            return false;
        }
        if (registeredByPlugin && !caller.equals(guardBundle)
                && types.stream().anyMatch(HIDDEN_FROM_OTHERS::contains)) {
            if (types.contains(ConfigurationPlugin.class.getName()) && warned.add(registrant.getBundleId())) {
                hiddenPlugin.accept(registrant);
            }
            return true;
        }
        return false;
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        Bundle caller = caller(context);
        if (caller == null) {
            return;
        }
        references.removeIf(reference -> hidden(caller, reference));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        listeners.keySet().removeIf(context -> {
            Bundle caller = caller(context);
            return caller != null && hidden(caller, reference);
        });
    }

    private static Bundle caller(BundleContext context) {
        try {
            return context.getBundle();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private static List<String> types(ServiceReference<?> reference) {
        Object types = reference.getProperty(Constants.OBJECTCLASS);
        return types instanceof String[] names ? Arrays.asList(names) : List.of();
    }
}
