package dev.plinth.rest.internal;

import java.net.URI;
import java.util.Dictionary;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.service.servlet.runtime.dto.FailedServletDTO;
import org.osgi.service.servlet.runtime.dto.RuntimeDTO;
import org.osgi.service.servlet.runtime.dto.ServletContextDTO;
import org.osgi.service.servlet.runtime.dto.ServletDTO;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import jakarta.servlet.Servlet;

import dev.plinth.api.plugin.PlinthProperties;

/**
 * Notices when the HTTP server could not listen (its port taken, say): Felix HTTP then logs the cause and runs
 * without registering an {@link HttpServiceRuntime}, and the API is unreachable. When the bundle implementing the
 * HTTP whiteboard has started, or has dropped its runtime to restart with a new configuration, and no runtime comes
 * within {@link #GRACE_SECONDS} (a configuration from {@code etc/} may move the port first), this logs an error
 * naming the address and registers a service carrying {@link PlinthProperties#STARTUP_FAILED} with the reason,
 * which the launcher reports as a failed start. The grace period begins once the framework has reached its start
 * level (the boot bundles started): Jetty starts beside them, on Configuration Admin's thread. Meanwhile it holds
 * back readiness ({@link PlinthProperties#STARTUP_PENDING}) until the server listens and serves this bundle's
 * servlets (the REST API), so that the ready line still means that the API answers. The failure goes away when
 * the HTTP server listens after all.
 */
@Component(immediate = true, service = ConfigurationListener.class)
public final class HttpListenCheck implements ConfigurationListener {

    /** The service property the launcher looks for after start: the reason the runtime cannot serve. */

    static final long GRACE_SECONDS = 5;

    /** How often, once the server listens, whether it serves this bundle's servlets yet is looked at. */
    static final long SERVING_CHECK_MILLIS = 5;

    private static final String HTTP_ENABLE = "org.apache.felix.http.enable";
    private static final String RUNTIME_FILTER = "(objectClass=" + HttpServiceRuntime.class.getName() + ")";
    private static final String SERVLET_FILTER = "(" + HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN + "=*)";

    private final BundleContext context;
    private final Logger log;
    private final ScheduledExecutorService timer;
    private final SynchronousBundleListener bundles = this::bundleChanged;
    private final ServiceListener runtimes = this::serviceChanged;
    private ServiceRegistration<Object> pending;
    private ServiceRegistration<Object> failure;
    private ScheduledFuture<?> verdict;
    private ScheduledFuture<?> servingCheck;
    private Bundle suspected;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile ConfigurationAdmin configurationAdmin;

    @Activate
    public HttpListenCheck(BundleContext context, @Reference(service = LoggerFactory.class) Logger log)
            throws InvalidSyntaxException {
        this.context = context;
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "plinth-http-listen-check");
            thread.setDaemon(true);
            return thread;
        });
        context.addServiceListener(runtimes, RUNTIME_FILTER);
        context.addBundleListener(bundles);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE && implementsHttp(bundle)) {
                suspect(bundle, false);
            }
        }
    }

    /**
     * The HTTP server's configuration changed (a file of {@code etc/} applied after the one kept from the last run, a
     * change at runtime): whatever was judged before, it must now listen where it is asked to, or be off.
     */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (!HttpConfigurationDefault.PID.equals(event.getPid()) || event.getFactoryPid() != null) {
            return;
        }
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE && implementsHttp(bundle)) {
                reconsider(bundle);
            }
        }
    }

    private synchronized void reconsider(Bundle http) {
        suspect(http, true);
        if (pending != null && listens()) {
            awaitServing();
        }
    }

    private void bundleChanged(BundleEvent event) {
        if (event.getType() != BundleEvent.STARTED) {
            return;
        }
        if (event.getBundle().getBundleId() == 0) {
            booted();
        } else if (implementsHttp(event.getBundle())) {
            suspect(event.getBundle(), false);
        }
    }

    private void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED) {
            awaitServing();
        } else if (event.getType() == ServiceEvent.UNREGISTERING) {
            Bundle http = event.getServiceReference().getBundle();
            if (http != null && http.getState() == Bundle.ACTIVE) {
                suspect(http, true);
            }
        }
    }

    /** The HTTP bundle runs without a runtime (or is dropping it): judge once the grace period has passed. */
    private synchronized void suspect(Bundle http, boolean dropping) {
        HttpPortSetting setting = setting();
        if (disabled(setting) || pending != null || (!dropping && listens())) {
            return;
        }
        suspected = http;
        pending = register(PlinthProperties.STARTUP_PENDING, "the HTTP server (" + setting.address() + ")");
        if (systemBundleActive()) {
            startGrace();
        }
    }

    /** The framework has reached its start level: the grace period of a server still not listening begins. */
    private synchronized void booted() {
        if (pending != null && verdict == null && servingCheck == null) {
            startGrace();
        }
    }

    private void startGrace() {
        Bundle http = suspected;
        try {
            verdict = timer.schedule(() -> judge(http), GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (RejectedExecutionException e) {
            // deactivated meanwhile
        }
    }

    /**
     * The grace period has passed: the server must listen by now, where it was asked to (the configuration of
     * {@code etc/} applied meanwhile), unless HTTP is off.
     */
    private synchronized void judge(Bundle http) {
        verdict = null;
        try {
            HttpPortSetting setting = setting();
            if (http.getState() != Bundle.ACTIVE || failure != null || disabled(setting)) {
                return;
            }
            if (listens()) {
                listeningPort().stream().mapToObj(setting::fellBack).flatMap(Optional::stream).findFirst()
                        .ifPresent(reason -> fail(reason, ""));
                return;
            }
            fail(setting.notListening(http.getSymbolicName()) + "; the REST API and bin/plinth cannot reach this "
                    + "runtime", "; see the error of org.apache.felix.http above");
        } finally {
            stopServingCheck();
            pending = unregister(pending);
        }
    }

    private void fail(String reason, String more) {
        log.error("{}{}", reason, more);
        failure = register(PlinthProperties.STARTUP_FAILED, reason);
    }

    /**
     * The server listens: the runtime registered. Felix HTTP adds the whiteboard's servlets right after, on the
     * thread starting it; readiness waits until this bundle's servlets are served (at most the grace period).
     */
    private synchronized void awaitServing() {
        failure = unregister(failure);
        if (pending == null || servingCheck != null) {
            return;
        }
        try {
            servingCheck = timer.scheduleWithFixedDelay(this::checkServing, 0, SERVING_CHECK_MILLIS,
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // deactivated meanwhile
        }
        if (verdict == null) {
            startGrace();
        }
    }

    /**
     * Looks at the runtime outside this object's lock: Felix HTTP may be calling in while it holds its own. A
     * runtime still registering cannot describe itself yet ({@link IllegalStateException}): it is looked at again
     * (an exception would end the periodic check).
     */
    private void checkServing() {
        boolean listening = listens();
        boolean served;
        try {
            served = listening && serving();
        } catch (RuntimeException e) {
            served = false;
        }
        synchronized (this) {
            if (pending == null || !listening) {
                stopServingCheck(); // gone again: the verdict decides
                return;
            }
            if (!served) {
                return;
            }
            if (listeningPort().stream().anyMatch(port -> setting().fellBack(port).isPresent())) {
                stopServingCheck(); // on Jetty's default port: the verdict says so, unless a configuration comes
                return;
            }
            if (verdict != null) {
                verdict.cancel(false);
                verdict = null;
            }
            stopServingCheck();
            pending = unregister(pending);
        }
    }

    private void stopServingCheck() {
        if (servingCheck != null) {
            servingCheck.cancel(false);
            servingCheck = null;
        }
    }

    /** Whether the runtime serves (or has refused, and said why) every servlet this bundle registered. */
    private boolean serving() {
        ServiceReference<HttpServiceRuntime> reference = context.getServiceReference(HttpServiceRuntime.class);
        if (reference == null) {
            return false;
        }
        HttpServiceRuntime runtime = context.getService(reference);
        if (runtime == null) {
            return false;
        }
        try {
            Set<Long> handled = new HashSet<>();
            RuntimeDTO dto = runtime.getRuntimeDTO();
            for (ServletContextDTO servletContext : dto.servletContextDTOs) {
                for (ServletDTO servlet : servletContext.servletDTOs) {
                    handled.add(servlet.serviceId);
                }
            }
            for (FailedServletDTO failed : dto.failedServletDTOs) {
                handled.add(failed.serviceId);
            }
            ServiceReference<?>[] ours = context.getServiceReferences(Servlet.class.getName(), SERVLET_FILTER);
            if (ours != null) {
                for (ServiceReference<?> servlet : ours) {
                    if (context.getBundle().equals(servlet.getBundle())
                            && !handled.contains((Long) servlet.getProperty(Constants.SERVICE_ID))) {
                        return false;
                    }
                }
            }
            return true;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        } finally {
            context.ungetService(reference);
        }
    }

    private boolean systemBundleActive() {
        Bundle system = context.getBundle(0);
        return system != null && system.getState() == Bundle.ACTIVE;
    }

    private boolean listens() {
        return context.getServiceReference(HttpServiceRuntime.class) != null;
    }

    /** The port the HTTP server listens on, from its runtime's endpoint; empty when it does not listen. */
    private OptionalInt listeningPort() {
        ServiceReference<HttpServiceRuntime> runtime = context.getServiceReference(HttpServiceRuntime.class);
        if (runtime == null) {
            return OptionalInt.empty();
        }
        for (String endpoint : RouteRules.strings(runtime.getProperty(
                HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT))) {
            try {
                int port = URI.create(endpoint).getPort();
                if (port > 0) {
                    return OptionalInt.of(port);
                }
            } catch (IllegalArgumentException e) {
                // not a URI: the next
            }
        }
        return OptionalInt.empty();
    }

    private boolean disabled(HttpPortSetting setting) {
        return "false".equalsIgnoreCase(String.valueOf(context.getProperty(HTTP_ENABLE)).strip()) || setting.off();
    }

    private HttpPortSetting setting() {
        return HttpPortSetting.of(context, configurationAdmin);
    }

    private ServiceRegistration<Object> register(String property, String value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(property, value);
        try {
            return context.registerService(Object.class, new Object(), properties);
        } catch (IllegalStateException e) {
            return null; // this bundle is stopping
        }
    }

    private static ServiceRegistration<Object> unregister(ServiceRegistration<Object> registration) {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        return null;
    }

    private static boolean implementsHttp(Bundle bundle) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        return revision != null && revision.getDeclaredCapabilities("osgi.implementation").stream()
                .anyMatch(capability -> "osgi.http".equals(capability.getAttributes().get("osgi.implementation")));
    }

    @Deactivate
    void stop() {
        context.removeBundleListener(bundles);
        context.removeServiceListener(runtimes);
        timer.shutdownNow();
        synchronized (this) {
            verdict = null;
            servingCheck = null;
            pending = unregister(pending);
            failure = unregister(failure);
        }
    }
}
