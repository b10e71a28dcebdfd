package dev.plinth.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;

import jakarta.servlet.Servlet;

/**
 * The operator console on the servlet whiteboard: registers the {@link ConsoleServlet} at {@code /console/*}, which
 * serves the bundle's {@code console/} files, read into memory at the first request.
 */
@Component(immediate = true)
public final class ConsoleComponent {

    private static final String ROOT = "console/";

    private final BundleContext context;
    private final ServiceRegistration<Servlet> registration;
    private ConsoleFiles files;

    /** Registers the servlet. */
    @Activate
    public ConsoleComponent(BundleContext context) {
        this.context = context;
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "plinth-console");
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN,
                new String[] {"/console", "/console/*"});
        registration = context.registerService(Servlet.class, new ConsoleServlet(this::files), properties);
    }

    /** Takes the servlet off the whiteboard. */
    @Deactivate
    public void deactivate() {
        registration.unregister();
    }

    private synchronized ConsoleFiles files() {
        if (files == null) {
            try {
                files = ConsoleFiles.of(read(context));
            } catch (IOException e) {
                throw new UncheckedIOException("the console's files cannot be read from its bundle", e);
            }
        }
        return files;
    }

    private static Map<String, byte[]> read(BundleContext context) throws IOException {
        Map<String, byte[]> contents = new HashMap<>();
        Enumeration<URL> entries = context.getBundle().findEntries(ROOT, "*", true);
        while (entries != null && entries.hasMoreElements()) {
            URL entry = entries.nextElement();
            String path = entry.getPath();
            int start = path.indexOf(ROOT);
            if (path.endsWith("/") || start < 0) {
                continue;
            }
            try (InputStream in = entry.openStream()) {
                contents.put(path.substring(start + ROOT.length()), in.readAllBytes());
            }
        }
        return contents;
    }
}
