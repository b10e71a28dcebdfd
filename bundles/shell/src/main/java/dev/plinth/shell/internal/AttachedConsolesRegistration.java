package dev.plinth.shell.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Function;

import org.apache.felix.service.command.CommandProcessor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Offers {@link AttachedConsoles} (the consoles attached through the runtime's socket) while gogo.jline's
 * {@code Shell} service is there. The bundle's JLine and gogo.jline imports are optional, so that it also runs in
 * shells without them (Karaf's): there this component, which needs nothing, tracks a service that never comes,
 * and the console classes are never loaded.
 */
@Component(immediate = true)
public final class AttachedConsolesRegistration {

    private static final String GOGO_SHELL = "org.apache.felix.gogo.jline.Shell";

    private final ServiceTracker<Object, ServiceRegistration<?>> tracker;

    @Activate
    public AttachedConsolesRegistration(BundleContext context) {
        tracker = new ServiceTracker<>(context, GOGO_SHELL, null) {
            @Override
            public ServiceRegistration<?> addingService(ServiceReference<Object> shell) {
                ServiceReference<CommandProcessor> reference = context.getServiceReference(CommandProcessor.class);
                CommandProcessor processor = reference == null ? null : context.getService(reference);
                if (processor == null) {
                    return null;
                }
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put("plinth.console", "attach");
                return context.registerService(Function.class, new AttachedConsoles(processor, context),
                        properties);
            }

            @Override
            public void removedService(ServiceReference<Object> shell, ServiceRegistration<?> registration) {
                registration.unregister();
            }
        };
        tracker.open();
    }

    @Deactivate
    void deactivate() {
        tracker.close();
    }
}
