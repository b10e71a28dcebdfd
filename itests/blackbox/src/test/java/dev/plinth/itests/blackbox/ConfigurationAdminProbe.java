package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collection;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Packed into a test plugin by {@link TestBundles#configurationAdminProbe}: on start, looks up Configuration Admin
 * itself and tries to read and change core configurations and to use one of its own, writing what happened as lines
 * of {@code data/cm-probe.log}.
 */
public final class ConfigurationAdminProbe implements BundleActivator {

    public static final String ID = "dev.plinth.itests.cmprobe";
    public static final String LOG = "cm-probe.log";

    private Path log;

    @Override
    public void start(BundleContext context) throws Exception {
        log = Path.of(context.getProperty("plinth.data"), LOG);
        Collection<ServiceReference<ConfigurationAdmin>> references = context.getServiceReferences(
                ConfigurationAdmin.class, null);
        append("services " + references.size());
        if (references.isEmpty()) {
            return;
        }
        ConfigurationAdmin admin = context.getService(references.iterator().next());
        attempt("read dev.plinth.rest", () -> "" + admin.getConfiguration("dev.plinth.rest").getProperties());
        attempt("update org.apache.felix.http", () -> {
            admin.getConfiguration("org.apache.felix.http", null).update(new Hashtable<>(Map.of("k", "v")));
            return "done";
        });
        attempt("create dev.plinth.rest", () -> "" + admin.createFactoryConfiguration("dev.plinth.rest", "?"));
        attempt("own", () -> {
            admin.getConfiguration(ID).update(new Hashtable<>(Map.of("k", "v")));
            return "" + admin.getConfiguration(ID).getProperties().get("k");
        });
        attempt("list", () -> {
            Configuration[] all = admin.listConfigurations(null);
            return all == null ? "none" : Arrays.toString(Arrays.stream(all).map(Configuration::getPid).sorted()
                    .toArray());
        });
    }

    interface Call {
        String run() throws Exception;
    }

    private void attempt(String what, Call call) {
        try {
            append(what + ": " + call.run());
        } catch (SecurityException e) {
            append(what + ": refused: " + e.getMessage());
        } catch (Exception e) {
            append(what + ": failed: " + e);
        }
    }

    @Override
    public void stop(BundleContext context) {
        // the framework releases the service
    }

    private void append(String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
