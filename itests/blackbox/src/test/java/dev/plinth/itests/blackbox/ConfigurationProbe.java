package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.cm.ManagedServiceFactory;

/**
 * Packed into a test plugin by {@link TestBundles#configurationProbe}: a managed service factory for
 * {@value #FACTORY_PID} that writes every configuration Configuration Admin delivers to it
 * ({@code updated <pid> {key=value, ...}}, without the {@code service.*} keys), and every deletion
 * ({@code deleted <pid>}), as a line of {@code data/probe.log}.
 */
public final class ConfigurationProbe implements BundleActivator, ManagedServiceFactory {

    public static final String FACTORY_PID = "dev.plinth.itests.probe";
    public static final String LOG = "probe.log";

    private Path log;

    @Override
    public void start(BundleContext context) {
        log = Path.of(context.getProperty("plinth.data"), LOG);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_PID, FACTORY_PID);
        context.registerService(ManagedServiceFactory.class, this, properties);
    }

    @Override
    public void stop(BundleContext context) {
        // the framework unregisters the service
    }

    @Override
    public String getName() {
        return "configuration probe";
    }

    @Override
    public void updated(String pid, Dictionary<String, ?> properties) {
        Map<String, Object> values = new TreeMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!key.startsWith("service.") && !key.equals("plinth.config.file")) {
                values.put(key, properties.get(key));
            }
        }
        append("updated " + pid + " " + values);
    }

    @Override
    public void deleted(String pid) {
        append("deleted " + pid);
    }

    private synchronized void append(String line) {
        try {
            Files.writeString(log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
