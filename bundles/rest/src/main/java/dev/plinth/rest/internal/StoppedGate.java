package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.servlet.whiteboard.Preprocessor;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;

import dev.plinth.common.json.JsonStreams;

/**
 * The token check on the HTTP server, and the server closed while the check is not running: a preprocessor that hands
 * every request to this bundle's {@link Authentication} while it is active ({@link GateKeeper} gives it and takes it
 * away), and otherwise answers 503 {@code API_CLOSED}. The check is not a preprocessor of its own: the whiteboard
 * applies the removal of a preprocessor and the gate's closing in an order of the framework's choosing, and a request
 * between the two would reach a route with neither. Plugins' routes stay on the whiteboard when this bundle stops, so the gate is
 * registered through the system bundle's context: it lives as long as the framework, not as this bundle. A newer
 * revision of this bundle registers a gate of its own, and the older gate then leaves.
 */
final class StoppedGate implements Preprocessor, ServiceListener {

    /** The service property that marks a gate. */
    static final String MARK = "plinth.rest.gate";
    /**
     * The answer while closed, written once while the bundle is active (it must not load classes once the bundle
     * is stopped), through Jackson's streaming layer so that creating the gate costs no databind start.
     */
    private static final byte[] CLOSED = JsonStreams.compact(out -> {
        Problem problem = Problem.of(503, Authentication.CLOSED, "the REST API is closed: its token check is not "
                + "running (the REST bundle is stopped or starting); see data/log/plinth.log");
        out.writeStartObject();
        out.writeStringField("type", problem.type());
        out.writeStringField("title", problem.title());
        out.writeNumberField("status", problem.status());
        out.writeStringField("code", problem.code());
        out.writeStringField("detail", problem.message());
        out.writeEndObject();
    }).getBytes(StandardCharsets.UTF_8);
    private static StoppedGate registered;

    private final BundleContext system;
    private volatile Authentication check;
    private ServiceRegistration<Preprocessor> registration;

    StoppedGate(BundleContext system) {
        this.system = system;
    }

    /** This revision's gate, registered (closed) the first time it is asked for. */
    static synchronized StoppedGate of(BundleContext context) {
        if (registered == null) {
            StoppedGate gate = new StoppedGate(context.getBundle(Constants.SYSTEM_BUNDLE_ID).getBundleContext());
            gate.register();
            registered = gate;
        }
        return registered;
    }

    /** From now on, requests go through {@code check}. */
    void open(Authentication check) {
        this.check = check;
    }

    /** From now on, requests are answered 503 {@code API_CLOSED}. */
    void close() {
        this.check = null;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Authentication current = check;
        if (current != null) {
            current.doFilter(request, response, chain);
            return;
        }
        HttpServletResponse answer = (HttpServletResponse) response;
        if (answer.isCommitted()) {
            return;
        }
        answer.resetBuffer();
        answer.setStatus(503);
        answer.setContentType(Responses.PROBLEM);
        answer.setCharacterEncoding("UTF-8");
        answer.setHeader("Cache-Control", "no-store");
        Authentication.inert(answer);
        answer.setContentLength(CLOSED.length);
        answer.getOutputStream().write(CLOSED);
    }

    /** A newer gate was registered: this one leaves. */
    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() == ServiceEvent.REGISTERED && registration != null
                && !event.getServiceReference().equals(registration.getReference())) {
            system.removeServiceListener(this);
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone already
            }
        }
    }

    private void register() {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(MARK, Boolean.TRUE);
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        properties.put(Constants.SERVICE_DESCRIPTION, "Plinth: closes HTTP while the REST API's token check is away");
        registration = system.registerService(Preprocessor.class, this, properties);
        try {
            system.addServiceListener(this, "(&(" + Constants.OBJECTCLASS + "=" + Preprocessor.class.getName() + ")("
                    + MARK + "=*))");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
