package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.cm.SynchronousConfigurationListener;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Guards Configuration Admin from plugins as soon as the settings bundle starts (from its activator, not a component,
 * so nothing it waits for can leave a gap): notes who installs each bundle ({@link InstallOrigins}, so a bundle a plugin
 * installs is the plugin's) first, registers {@link ConfigurationVisibility}'s hooks next, then, while the
 * runtime's Configuration Admin is there, the guarded one ({@link GuardedAdminFactory}) and the relays of the plugins'
 * configuration listeners. The launcher starts this bundle at the boot start level, before the plugin manager and so
 * before any plugin; a plugin that already holds the runtime's Configuration Admin when the guard starts (an
 * embedding that starts plugins first) is named in a warning: it keeps that service until it is restarted.
 */
public final class GuardActivator implements BundleActivator {

    private static volatile InstallOrigins origins;

    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private volatile ServiceRegistration<ConfigurationAdmin> guarded;
    private BundleContext context;
    private GuardedAdminFactory factory;
    private ServiceTracker<ConfigurationAdmin, ServiceReference<ConfigurationAdmin>> runtimeAdmins;
    private ServiceTracker<LoggerFactory, LoggerFactory> loggers;

    @Override
    public void start(BundleContext context) {
        this.context = context;
        java.io.File record = context.getDataFile("install-origins.properties");
        InstallOrigins recorded = new InstallOrigins(record == null ? null : record.toPath(),
                context.getBundle().getLocation().startsWith(InstallOrigins.SYSTEM_PREFIX));
        context.addBundleListener(recorded);
        recorded.keepOnly(context.getBundles());
        PluginBundles bundles = new PluginBundles(context, recorded);
        recorded.decidingWith(bundles);
        origins = recorded;
        loggers = track(new ServiceTracker<>(context, LoggerFactory.class, null));
        ServiceTracker<MetaTypeService, MetaTypeService> metaType = track(
                new ServiceTracker<>(context, MetaTypeService.class, null));
        Function<Bundle, List<ConfigurationSchema>> schemas = bundle -> {
            MetaTypeService service = metaType.getService();
            if (service == null) {
                throw new IllegalStateException("the Metatype service is not available");
            }
            return new MetatypeSchemas(service).schemas(bundle);
        };
        PidGuard guard = new PidGuard(new Ownership(bundles, schemas));
        ConfigurationVisibility visibility = new ConfigurationVisibility(bundles, context.getBundle(),
                plugin -> warn("plugin {} registers a Configuration Admin plugin: it is never called (Configuration "
                        + "Admin does not see a plugin's)", bundles.pluginId(plugin)
                                .orElse(plugin.getSymbolicName())));
        context.registerService(new String[] {FindHook.class.getName(), EventListenerHook.class.getName()},
                visibility, null);
        warnAboutUnguarded(bundles);
        factory = new GuardedAdminFactory(() -> runtimeAdmins.getServiceReference(), context, bundles, guard);
        runtimeAdmins = new ServiceTracker<>(context, ConfigurationAdmin.class, new RuntimeAdmins());
        track(runtimeAdmins);
        ServiceTracker<ConfigurationListener, ConfigurationListener> listeners = track(
                new ServiceTracker<>(context, ConfigurationListener.class, null));
        ServiceTracker<SynchronousConfigurationListener, SynchronousConfigurationListener> synchronous = track(
                new ServiceTracker<>(context, SynchronousConfigurationListener.class, null));
        context.registerService(ConfigurationListener.class,
                new ListenerRelay<>(listeners, bundles, guard, this::guardedReference, this::log,
                        this::boundLocation), null);
        ListenerRelay<SynchronousConfigurationListener> synchronousRelay = new ListenerRelay<>(synchronous, bundles,
                guard, this::guardedReference, this::log, this::boundLocation);
        context.registerService(SynchronousConfigurationListener.class, synchronousRelay::configurationEvent, null);
    }

    /** The plugins' own installs, recorded since the settings bundle started; {@code null} before. */
    static InstallOrigins origins() {
        return origins;
    }

    @Override
    public void stop(BundleContext context) {
        for (int i = trackers.size() - 1; i >= 0; i--) {
            trackers.get(i).close();
        }
        trackers.clear();
    }

    /** The location the configuration {@code pid} is bound to in the runtime's Configuration Admin; null if none. */
    private String boundLocation(String pid) {
        ServiceReference<ConfigurationAdmin> reference = runtimeAdmins.getServiceReference();
        ConfigurationAdmin admin = reference == null ? null : context.getService(reference);
        if (admin == null) {
            throw new IllegalStateException("Configuration Admin is not available");
        }
        try {
            String value = pid.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(")
                    .replace(")", "\\)");
            Configuration[] found = admin.listConfigurations("(" + Constants.SERVICE_PID + "=" + value + ")");
            return found == null ? null : found[0].getBundleLocation();
        } catch (IOException | InvalidSyntaxException e) {
            throw new IllegalStateException(e.toString(), e);
        } finally {
            context.ungetService(reference);
        }
    }

    private ServiceReference<ConfigurationAdmin> guardedReference() {
        ServiceRegistration<ConfigurationAdmin> registration = guarded;
        try {
            return registration == null ? null : registration.getReference();
        } catch (IllegalStateException e) {
            return null;
        }
    }

    private <S, T> ServiceTracker<S, T> track(ServiceTracker<S, T> tracker) {
        trackers.add(tracker);
        tracker.open();
        return tracker;
    }

    /** The guard's logger, {@code null} while the log service is not there. */
    private Logger log() {
        LoggerFactory factory = loggers.getService();
        return factory == null ? null : factory.getLogger(context.getBundle(), "dev.plinth.settings.guard",
                Logger.class);
    }

    private void warn(String format, Object... arguments) {
        Logger log = log();
        if (log != null) {
            log.warn(format, arguments);
        }
    }

    private void warnAboutUnguarded(PluginBundles bundles) {
        for (Bundle plugin : bundles.plugins()) {
            ServiceReference<?>[] inUse = plugin.getServicesInUse();
            if (inUse == null) {
                continue;
            }
            for (ServiceReference<?> reference : inUse) {
                Object types = reference.getProperty(org.osgi.framework.Constants.OBJECTCLASS);
                if (types instanceof String[] names && List.of(names).contains(ConfigurationAdmin.class.getName())) {
                    warn("plugin {} got Configuration Admin before the settings bundle started: it is not "
                            + "guarded until the plugin is restarted", bundles.pluginId(plugin).orElse(""));
                }
            }
        }
    }

    /** Registers the guarded service while the runtime's Configuration Admin is there. */
    private final class RuntimeAdmins
            implements ServiceTrackerCustomizer<ConfigurationAdmin, ServiceReference<ConfigurationAdmin>> {

        @Override
        public ServiceReference<ConfigurationAdmin> addingService(ServiceReference<ConfigurationAdmin> reference) {
            synchronized (GuardActivator.this) {
                if (guarded == null) {
                    Dictionary<String, Object> properties = new Hashtable<>();
                    properties.put(ConfigurationVisibility.GUARDED, Boolean.TRUE);
                    @SuppressWarnings("unchecked")
                    ServiceRegistration<ConfigurationAdmin> registration = (ServiceRegistration<ConfigurationAdmin>)
                            context.registerService(ConfigurationAdmin.class.getName(), factory, properties);
                    guarded = registration;
                }
            }
            return reference;
        }

        @Override
        public void modifiedService(ServiceReference<ConfigurationAdmin> reference,
                ServiceReference<ConfigurationAdmin> service) {
        }

        @Override
        public void removedService(ServiceReference<ConfigurationAdmin> reference,
                ServiceReference<ConfigurationAdmin> service) {
            synchronized (GuardActivator.this) {
                if (runtimeAdmins.size() == 0 && guarded != null) {
                    try {
                        guarded.unregister();
                    } catch (IllegalStateException e) {
                        // the bundle is stopping
                    }
                    guarded = null;
                }
            }
        }
    }
}
