package dev.plinth.settings.internal;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.log.Logger;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Calls the configuration listeners plugins register (hidden from Configuration Admin by
 * {@link ConfigurationVisibility}) with the events of the configurations each plugin owns, carrying the guarded
 * Configuration Admin's reference instead of the runtime's: {@code getService(event.getReference())} gives a plugin
 * the guarded service. One relay per listener type (asynchronous, synchronous), registered under that type.
 */
final class ListenerRelay<L extends ConfigurationListener> implements ConfigurationListener {

    private final ServiceTracker<L, L> listeners;
    private final PluginBundles bundles;
    private final PidGuard guard;
    private final Supplier<ServiceReference<ConfigurationAdmin>> guarded;
    private final Supplier<Logger> log;
    private final Function<String, String> locations;

    /**
     * @param listeners the plugins' listeners of this relay's type (the tracker may hold others; only plugins' are
     *        called)
     * @param locations the bundle location a configuration is bound to, by PID ({@code null} when unbound or gone;
     *        throws when it cannot be looked up)
     */
    ListenerRelay(ServiceTracker<L, L> listeners, PluginBundles bundles,
            PidGuard guard, Supplier<ServiceReference<ConfigurationAdmin>> guarded, Supplier<Logger> log,
            Function<String, String> locations) {
        this.locations = locations;
        this.listeners = listeners;
        this.bundles = bundles;
        this.guard = guard;
        this.guarded = guarded;
        this.log = log;
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        ServiceReference<ConfigurationAdmin> reference = guarded.get();
        ServiceReference<L>[] references = listeners.getServiceReferences();
        if (reference == null || references == null) {
            return;
        }
        ConfigurationEvent relayed = new ConfigurationEvent(reference, event.getType(), event.getFactoryPid(),
                event.getPid());
        Supplier<String> location = new Supplier<>() {
            private boolean known;
            private String value;

            @Override
            public String get() {
                if (!known) {
                    value = locations.apply(event.getPid());
                    known = true;
                }
                return value;
            }
        };
        for (ServiceReference<L> listener : references) {
            String pluginId = bundles.pluginId(listener.getBundle()).orElse(null);
            if (pluginId == null || !owns(pluginId, event) || !guard.ownsBound(pluginId, event.getFactoryPid(),
                    event.getPid(), location)) {
                continue;
            }
            L target = listeners.getService(listener);
            if (target == null) {
                continue;
            }
            try {
                target.configurationEvent(relayed);
            } catch (RuntimeException e) {
                Logger logger = log.get();
                if (logger != null) {
                    logger.warn("the configuration listener {} of {} failed on an event of {}: {}",
                        listener.getProperty(Constants.SERVICE_ID), pluginId, event.getPid(), e.toString());
                }
            }
        }
    }

    private boolean owns(String pluginId, ConfigurationEvent event) {
        Predicate<String> own = pid -> {
            try {
                guard.check(pluginId, "see", pid);
                return true;
            } catch (SecurityException e) {
                return false;
            }
        };
        return own.test(event.getFactoryPid()) && own.test(event.getPid());
    }
}
