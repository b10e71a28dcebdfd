package dev.plinth.console.internal;

import java.io.IOException;
import java.io.InputStream;
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
 * The operator console on the servlet whiteboard: reads the bundle's {@code console/} files into memory and registers
 * the {@link ConsoleServlet} that serves them at {@code /console/*}.
 */
@Component(immediate = true)
public final class ConsoleComponent {

    private static final String ROOT = "console/";

    private final ServiceRegistration<Servlet> registration;

    /** Reads the files and registers the servlet. */
    @Activate
    public ConsoleComponent(BundleContext context) throws IOException {
        ConsoleFiles files = ConsoleFiles.of(read(context));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, "plinth-console");
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN,
                new String[] {"/console", "/console/*"});
        registration = context.registerService(Servlet.class, new ConsoleServlet(files), properties);
    }

    /** Takes the servlet off the whiteboard. */
    @Deactivate
    public void deactivate() {
        registration.unregister();
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
