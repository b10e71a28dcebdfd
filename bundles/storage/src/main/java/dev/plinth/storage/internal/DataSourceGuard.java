package dev.plinth.storage.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;

import dev.plinth.api.storage.PluginStorage;

/**
 * Keeps the plugins' DataSource the storage bundle's own: a service with the property {@code plinth.storage} that
 * another bundle registers (an impostor that a plugin's {@code @Reference(target = PluginStorage.DATA_SOURCE)} would
 * otherwise bind, handing it the plugin's SQL) is hidden from every bundle but the one that registered it, and
 * logged once. Against mistakes and casual attempts: plugins share the JVM (docs/storage.md).
 */
final class DataSourceGuard implements FindHook, EventListenerHook {

    private final long self;
    private final StorageLog log;
    private final Set<Long> told = ConcurrentHashMap.newKeySet();

    DataSourceGuard(long self, StorageLog log) {
        this.self = self;
        this.log = log;
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        long asker = context.getBundle().getBundleId();
        references.removeIf(reference -> impostor(reference) && owner(reference) != asker);
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        if (!impostor(reference)) {
            return;
        }
        long owner = owner(reference);
        Long id = (Long) reference.getProperty("service.id");
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            told.remove(id);
        } else if (told.add(id)) {
            Bundle bundle = reference.getBundle();
            log.warn((bundle == null ? "a bundle" : bundle.getSymbolicName()) + " registered a service with the "
                    + "property " + PluginStorage.PROPERTY + ", which only Plinth's storage may: it is hidden from "
                    + "other bundles");
        }
        listeners.keySet().removeIf(context -> context.getBundle().getBundleId() != owner);
    }

    private boolean impostor(ServiceReference<?> reference) {
        return reference.getProperty(PluginStorage.PROPERTY) != null && owner(reference) != self;
    }

    private static long owner(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? -1 : bundle.getBundleId();
    }
}
