package dev.plinth.rest.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.framework.hooks.service.ListenerHook.ListenerInfo;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.plinth.api.plugin.PluginRoutes;

/**
 * Confines plugins' web registrations to their namespace ({@link RouteRules}): a whiteboard service a plugin
 * registers outside it is hidden from every other bundle, so the servlet whiteboard never sees it; the refusal is
 * logged and kept for {@code GET /api/plugins/<id>} and {@code plugin:info} ({@link PluginRoutes}). The old
 * {@code HttpService}, which would bypass the whiteboard, is hidden from plugins. Only the bundles the manager
 * installed (plugins and libraries, at {@code plinth:managed/<id>}) are confined: boot bundles, and bundles someone
 * else installed in an embedding server, are left alone. The hooks are in place before the whiteboard and the
 * plugins start (this bundle has a lower start level).
 * <p>
 * A registration is attributed to the code that made it ({@link Registrant}), not only to the bundle whose context
 * was used: a whiteboard service a plugin registers through another bundle's context (the system bundle's, say) is
 * refused, and so is one registered through the system bundle's context by code that cannot be told. This stops
 * mistakes and casual attempts; without a security manager a plugin that means harm has other ways (it can read the
 * admin token file), which docs/plugins.md says.
 */
@Component(service = {FindHook.class, EventListenerHook.class, PluginRoutes.class}, immediate = true)
public final class RouteGuard implements FindHook, EventListenerHook, PluginRoutes {

    /** Where the manager installs plugins and libraries: {@code plinth:managed/<id>}. */
    private static final String MANAGED_LOCATION_PREFIX = "plinth:managed/";
    private static final List<String> HTTP_SERVICE = List.of("org.osgi.service.http.HttpService");

    private final long self;
    private final Logger log;
    private final Map<Long, Refusal> refused = new ConcurrentHashMap<>();

    @Activate
    public RouteGuard(BundleContext context, @Reference(service = LoggerFactory.class) Logger log) {
        this.self = context.getBundle().getBundleId();
        this.log = log;
    }

    @Override
    public void find(BundleContext context, String name, String filter, boolean allServices,
            Collection<ServiceReference<?>> references) {
        Bundle asker = context.getBundle();
        references.removeIf(reference -> hidden(reference, asker));
    }

    @Override
    public void event(ServiceEvent event, Map<BundleContext, Collection<ListenerInfo>> listeners) {
        ServiceReference<?> reference = event.getServiceReference();
        if (event.getType() == ServiceEvent.UNREGISTERING) {
            refused.remove(serviceId(reference));
            return;
        }
        if (isHttpService(reference)) {
            listeners.keySet().removeIf(context -> confined(context.getBundle()));
            return;
        }
        Refusal earlier = refused.get(serviceId(reference));
        Optional<Refusal> refusal = judge(reference, registrant(event, reference));
        if (refusal.isEmpty() && earlier != null && earlier.foreign()) {
            refusal = Optional.of(earlier);
        }
        if (refusal.isEmpty()) {
            refused.remove(serviceId(reference));
            return;
        }
        Refusal previous = refused.put(serviceId(reference), refusal.get());
        if (!refusal.get().equals(previous)) {
            if (refusal.get().pluginId().isEmpty()) {
                log.warn("refused a web registration: {}", refusal.get().reason());
            } else {
                log.warn("refused a web registration of plugin {}: {}", refusal.get().pluginId(),
                        refusal.get().reason());
            }
        }
        long owner = reference.getBundle().getBundleId();
        listeners.keySet().removeIf(context -> context.getBundle().getBundleId() != owner);
    }

    @Override
    public List<String> refused(String pluginId) {
        if (refused.isEmpty()) {
            return List.of();
        }
        return refused.values().stream().filter(refusal -> refusal.pluginId().equals(pluginId))
                .map(Refusal::reason).sorted().toList();
    }

    private boolean hidden(ServiceReference<?> reference, Bundle asker) {
        if (isHttpService(reference)) {
            return confined(asker);
        }
        Bundle owner = reference.getBundle();
        if (owner == null || owner.getBundleId() == asker.getBundleId()) {
            return false;
        }
        Refusal earlier = refused.get(serviceId(reference));
        if (earlier != null && earlier.foreign()) {
            return true;
        }
        return confined(owner) && judge(reference, Registrant.NOT_ASKED).isPresent();
    }

    /** True for a whiteboard service, told from its types and property keys without copying its properties. */
    private static boolean isWhiteboard(ServiceReference<?> reference) {
        for (String key : reference.getPropertyKeys()) {
            if (RouteRules.isWhiteboardKey(key)) {
                return true;
            }
        }
        return RouteRules.strings(reference.getProperty(Constants.OBJECTCLASS)).stream()
                .anyMatch(RouteRules::isWhiteboardType);
    }

    /** Who made the registration or change the event tells of; asked only of whiteboard services. */
    private static Registrant registrant(ServiceEvent event, ServiceReference<?> reference) {
        boolean change = event.getType() == ServiceEvent.REGISTERED || event.getType() == ServiceEvent.MODIFIED;
        return change && isWhiteboard(reference) ? Registrant.ofCurrentRegistration() : Registrant.NOT_ASKED;
    }

    private Optional<Refusal> judge(ServiceReference<?> reference, Registrant registrant) {
        Bundle owner = reference.getBundle();
        if (owner == null) {
            return Optional.empty();
        }
        if (!isWhiteboard(reference)) {
            return Optional.empty();
        }
        Map<String, Object> properties = properties(reference);
        Optional<Bundle> maker = registrant.bundle();
        if (maker.isPresent() && confined(maker.get()) && maker.get().getBundleId() != owner.getBundleId()) {
            String pluginId = pluginId(maker.get());
            return Optional.of(new Refusal(pluginId, RouteRules.describe(properties) + ": registered through the "
                    + "context of " + name(owner) + "; a plugin may only register web services through its own",
                    true));
        }
        if (!confined(owner) && registrant.kind() == Registrant.Kind.UNKNOWN) {
            return Optional.of(new Refusal("", RouteRules.describe(properties) + ": registered through the context of "
                    + name(owner) + " by code that cannot be attributed to a bundle", true));
        }
        if (!confined(owner)) {
            return Optional.empty();
        }
        String pluginId = pluginId(owner);
        return RouteRules.refusal(pluginId, properties).map(reason -> new Refusal(pluginId, reason, false));
    }

    private static Map<String, Object> properties(ServiceReference<?> reference) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        return properties;
    }

    private static String pluginId(Bundle bundle) {
        return bundle.getLocation().substring(MANAGED_LOCATION_PREFIX.length());
    }

    private static String name(Bundle bundle) {
        return bundle.getBundleId() == 0 ? "the system bundle"
                : "bundle " + bundle.getSymbolicName() + " (" + bundle.getBundleId() + ")";
    }

    private boolean confined(Bundle bundle) {
        return bundle.getBundleId() != self && bundle.getLocation().startsWith(MANAGED_LOCATION_PREFIX);
    }

    private static boolean isHttpService(ServiceReference<?> reference) {
        Object types = reference.getProperty(Constants.OBJECTCLASS);
        return types instanceof String[] array && array.length > 0 && HTTP_SERVICE.contains(array[0]);
    }

    private static long serviceId(ServiceReference<?> reference) {
        return (Long) reference.getProperty(Constants.SERVICE_ID);
    }

    /**
     * A refused registration.
     *
     * @param pluginId the plugin it is attributed to, empty when it cannot be
     * @param foreign made through another bundle's context: refused for good, whatever its properties become
     */
    private record Refusal(String pluginId, String reason, boolean foreign) {
    }
}
