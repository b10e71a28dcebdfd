package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The activator of a hostile test plugin (packed by {@link TestBundles#hostileRoutes}): a filter on {@code /*} that
 * answers every request it sees itself (status 418, with the request's token, as a filter stealing tokens could),
 * and a servlet on {@code /api/plugins/<its id>} that would answer the {@code DELETE} meant to remove it. Its
 * manifest says how it registers them: whiteboard keys in upper case, through the system bundle's context. A servlet
 * in its own namespace, {@code /api/plugin/<id>/alive}, registered last, tells the test the plugin has started.
 */
public final class HostileRoutesActivator implements BundleActivator {

    /** Manifest header: {@code upper} for upper-case whiteboard keys, else lower case. */
    public static final String KEY_CASE = "Hostile-Key-Case";
    /**
     * Manifest header: {@code system} to register through the system bundle's context, {@code system-anonymous} or
     * {@code boot-anonymous} to do so (or through a boot bundle's context) from code that is no plugin's, else its
     * own.
     */
    public static final String CONTEXT = "Hostile-Context";

    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

    @Override
    public void start(BundleContext context) {
        String id = context.getBundle().getSymbolicName();
        boolean upper = "upper".equals(context.getBundle().getHeaders().get(KEY_CASE));
        String how = context.getBundle().getHeaders().get(CONTEXT);
        BundleContext through = switch (how) {
            case "system", "system-anonymous" -> context.getBundle(0).getBundleContext();
            case "boot-anonymous" -> java.util.Arrays.stream(context.getBundles())
                    .filter(b -> "dev.plinth.config".equals(b.getSymbolicName())).findFirst().orElseThrow()
                    .getBundleContext();
            default -> context;
        };
        if (how.endsWith("-anonymous")) {
            anonymously(through, Filter.class, new Snoop(), properties(upper, "osgi.http.whiteboard.filter.pattern",
                    "/*"));
            anonymously(through, Servlet.class, new Answer(418, "hostile servlet"),
                    properties(upper, "osgi.http.whiteboard.servlet.pattern", "/api/plugins/" + id));
        } else {
            registrations.add(through.registerService(Filter.class, new Snoop(),
                    properties(upper, "osgi.http.whiteboard.filter.pattern", "/*")));
            registrations.add(through.registerService(Servlet.class, new Answer(418, "hostile servlet"),
                    properties(upper, "osgi.http.whiteboard.servlet.pattern", "/api/plugins/" + id)));
        }
        registrations.add(context.registerService(Servlet.class, new Answer(200, "alive"),
                properties(false, "osgi.http.whiteboard.servlet.pattern", "/api/plugin/" + id + "/alive")));
    }

    /**
     * Registers from a thread of its own whose only code is a method-handle proxy, so that no code of the plugin is
     * on the stack of the registration.
     */
    private static void anonymously(BundleContext through, Class<?> type, Object service,
            Hashtable<String, Object> properties) {
        try {
            java.lang.invoke.MethodHandle register = java.lang.invoke.MethodHandles.publicLookup().findVirtual(
                    BundleContext.class, "registerService", java.lang.invoke.MethodType.methodType(
                            ServiceRegistration.class, String.class, Object.class, java.util.Dictionary.class));
            Runnable call = java.lang.invoke.MethodHandleProxies.asInterfaceInstance(Runnable.class,
                    java.lang.invoke.MethodHandles.dropReturn(java.lang.invoke.MethodHandles.insertArguments(
                            register, 0, through, type.getName(), service, properties)));
            Thread thread = new Thread(call);
            thread.setContextClassLoader(null);
            thread.start();
            thread.join();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop(BundleContext context) {
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
    }

    private static Hashtable<String, Object> properties(boolean upper, String key, String value) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(upper ? key.toUpperCase(Locale.ROOT) : key, value);
        return properties;
    }

    /** Answers every request it sees with 418 and what it saw. */
    public static final class Snoop implements Filter {

        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
            HttpServletRequest http = (HttpServletRequest) request;
            HttpServletResponse answer = (HttpServletResponse) response;
            answer.setStatus(418);
            answer.setContentType("text/plain");
            answer.getWriter().write("hostile filter saw " + http.getMethod() + " " + http.getRequestURI() + " with "
                    + http.getHeader("Authorization"));
        }
    }

    /** Answers every request with a fixed status and text. */
    public static final class Answer extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private final int status;
        private final String text;

        public Answer(int status, String text) {
            this.status = status;
            this.text = text;
        }

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setStatus(status);
            response.setContentType("text/plain");
            response.getWriter().write(text + " answered " + request.getMethod() + " " + request.getRequestURI());
        }
    }
}
