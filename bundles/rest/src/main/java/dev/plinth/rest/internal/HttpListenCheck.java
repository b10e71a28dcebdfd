package dev.plinth.rest.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;

/**
 * Notices when the HTTP server could not listen (its port taken, say): Felix HTTP then logs the cause and starts
 * without registering an {@link HttpServiceRuntime}, and the API is unreachable. Once the bundle implementing the
 * HTTP whiteboard has started without one, this logs an error naming the port and registers a service carrying
 * {@value #STARTUP_FAILED} with the reason, which the launcher reports as a failed start. The service goes away
 * when the HTTP server listens after all (a new configuration).
 */
@Component(immediate = true, service = {})
public final class HttpListenCheck implements SynchronousBundleListener, ServiceListener {

    /** The service property the launcher looks for after start: the reason the runtime cannot serve. */
    static final String STARTUP_FAILED = "plinth.startup.failed";

    private static final String HTTP_ENABLE = "org.apache.felix.http.enable";
    private static final String RUNTIME_FILTER = "(objectClass=" + HttpServiceRuntime.class.getName() + ")";

    private final BundleContext context;
    private final Logger log;
    private ServiceRegistration<Object> failure;

    @Activate
    public HttpListenCheck(BundleContext context, @Reference(service = LoggerFactory.class) Logger log)
            throws org.osgi.framework.InvalidSyntaxException {
        this.context = context;
        this.log = log;
        context.addServiceListener(this, RUNTIME_FILTER);
        context.addBundleListener(this);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE && implementsHttp(bundle)) {
                check(bundle);
            }
        }
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED && implementsHttp(event.getBundle())) {
            check(event.getBundle());
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            clear();
        }
    }

    private synchronized void check(Bundle http) {
        if ("false".equalsIgnoreCase(String.valueOf(context.getProperty(HTTP_ENABLE)).strip())
                || context.getServiceReference(HttpServiceRuntime.class) != null || failure != null) {
            return;
        }
        String reason = "the HTTP server does not listen on " + address() + ": " + http.getSymbolicName()
                + " could not open the port (in use?); the REST API and bin/plinth cannot reach this runtime";
        log.error("{}; see the error of org.apache.felix.http above", reason);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(STARTUP_FAILED, reason);
        try {
            failure = context.registerService(Object.class, new Object(), properties);
        } catch (IllegalStateException e) {
            // this bundle is stopping
        }
    }

    private synchronized void clear() {
        if (failure != null) {
            try {
                failure.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
            failure = null;
        }
    }

    private String address() {
        String host = context.getProperty("org.apache.felix.http.host");
        String port = context.getProperty("org.osgi.service.http.port");
        return (host == null || host.isBlank() ? "every interface" : host.strip()) + " port "
                + (port == null || port.isBlank() ? "8080" : port.strip());
    }

    private static boolean implementsHttp(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return false;
        }
        List<BundleCapability> implementations = revision.getDeclaredCapabilities("osgi.implementation");
        return implementations.stream()
                .anyMatch(capability -> "osgi.http".equals(capability.getAttributes().get("osgi.implementation")));
    }

    @Deactivate
    void stop() {
        context.removeBundleListener(this);
        context.removeServiceListener(this);
        clear();
    }
}
