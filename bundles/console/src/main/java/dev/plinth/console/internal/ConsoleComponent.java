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

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants;
import org.osgi.util.tracker.BundleTracker;

import jakarta.servlet.Servlet;

/**
 * The operator console on the servlet whiteboard: registers the {@link ConsoleServlet} at {@code /console/*}, which
 * serves the bundle's {@code console/} files (read into memory at the first request) and the console pages of
 * enabled plugins (followed by a bundle tracker, {@link EnabledPlugins}), and the {@link ModulesServlet} at
 * {@code /api/console/modules}. Its configuration ({@link ConsoleConfiguration}) says which plugins are trusted; a
 * change applies to the next module list.
 */
@Component(immediate = true, configurationPid = ConsoleConfiguration.PID)
@Designate(ocd = ConsoleConfiguration.class)
public final class ConsoleComponent {

    private static final String ROOT = "console/";

    private final BundleContext context;
    private final EnabledPlugins plugins = new EnabledPlugins();
    private final BundleTracker<Bundle> tracker;
    private final ServiceRegistration<Servlet> console;
    private final ServiceRegistration<Servlet> modules;
    private volatile TrustedPlugins trusted;
    private ConsoleFiles files;

    /** Follows the plugins and registers the servlets. */
    @Activate
    public ConsoleComponent(BundleContext context, ConsoleConfiguration config) {
        this.context = context;
        this.trusted = TrustedPlugins.of(config.trusted_plugins());
        tracker = new BundleTracker<>(context, Bundle.ACTIVE, new PluginFollower(plugins));
        tracker.open();
        console = register(context, new ConsoleServlet(this::files, new PluginPages(plugins)), "plinth-console",
                "/console", "/console/*");
        modules = register(context, new ModulesServlet(this::moduleList), "plinth-console-modules",
                ModulesServlet.PATH);
    }

    /** Takes the new list of trusted plugins. */
    @Modified
    void modified(ConsoleConfiguration config) {
        trusted = TrustedPlugins.of(config.trusted_plugins());
    }

    /** Takes the servlets off the whiteboard and stops following plugins. */
    @Deactivate
    public void deactivate() {
        modules.unregister();
        console.unregister();
        tracker.close();
    }

    private static ServiceRegistration<Servlet> register(BundleContext context, Servlet servlet, String name,
            String... patterns) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_NAME, name);
        properties.put(HttpWhiteboardConstants.HTTP_WHITEBOARD_SERVLET_PATTERN, patterns);
        return context.registerService(Servlet.class, servlet, properties);
    }

    private ModuleList moduleList() {
        var consoles = plugins.all();
        return ModuleList.of(consoles, plugins.problems(),
                trusted.among(consoles.stream().map(PluginConsole::id).toList()));
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
