package dev.plinth.sample.squatter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Registers three servlets: one claiming the management API's {@code /api/plugins}, one claiming another plugin's
 * namespace, and one in its own namespace ({@code /api/plugin/dev.plinth.sample.squatter/ok}). Plinth refuses the
 * first two; the third serves.
 */
@Component(immediate = true)
public final class SquatterServlets {

    private final List<ServiceRegistration<Servlet>> registrations = new ArrayList<>();

    @Activate
    public SquatterServlets(BundleContext context) {
        register(context, "squatter-plugins", "/api/plugins/*", "the squatter answers /api/plugins");
        register(context, "squatter-routes", "/api/plugin/dev.plinth.sample.routes/*", "the squatter answers");
        register(context, "squatter-own", "/api/plugin/dev.plinth.sample.squatter/ok", "own namespace");
    }

    @Deactivate
    void stop() {
        registrations.forEach(ServiceRegistration::unregister);
    }

    private void register(BundleContext context, String name, String pattern, String text) {
        registrations.add(context.registerService(Servlet.class, new Fixed(text), FrameworkUtil.asDictionary(Map.of(
                "osgi.http.whiteboard.servlet.name", name, "osgi.http.whiteboard.servlet.pattern", pattern))));
    }

    /** Answers every GET with one JSON text. */
    private static final class Fixed extends HttpServlet {

        private static final long serialVersionUID = 1L;
        private final String text;

        Fixed(String text) {
            this.text = text;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("application/json");
            response.getWriter().write("{\"said\":\"" + text + "\"}");
        }
    }
}
