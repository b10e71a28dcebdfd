package dev.plinth.bench.probe;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

/**
 * The activator of the probe bundle ({@code bench.probe}) that the deploy benchmark puts into every
 * runtime it measures. It appends one line per bundle event it observes to the file named by the
 * property {@value #FILE_PROPERTY}, flushed at once: {@code <event> <symbolic-name> <epoch-micros>}.
 * Events are {@code STARTED}, {@code STOPPED} and {@code UNINSTALLED}, stamped by the synchronous listener at the
 * moment the framework delivers them; when the probe starts it also writes an {@code ACTIVE} line for
 * every bundle that is already active, so that the harness sees bundles started before the probe.
 *
 * <p>A {@code BundleActivator} rather than a DS component: the probe must work in bare Felix, where
 * there is no Declarative Services. It is one class with no nested classes: the harness packages
 * this class file alone into the probe jar (see {@code BundleJars.probe}).
 */
public final class Probe implements BundleActivator, SynchronousBundleListener {

    /** The framework or system property naming the file the probe appends to. */
    public static final String FILE_PROPERTY = "bench.probe.file";

    /** What the probe prints on standard output once it records: a ready signal for runtimes that print nothing else. */
    public static final String READY = "bench probe: recording bundle events";

    private BufferedWriter out;

    @Override
    public synchronized void start(BundleContext context) throws IOException {
        String file = context.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("bench probe: set the property " + FILE_PROPERTY);
        }
        out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        context.addBundleListener(this);
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getState() == Bundle.ACTIVE) {
                write("ACTIVE", bundle);
            }
        }
        System.out.println(READY + " into " + file);
    }

    @Override
    public synchronized void stop(BundleContext context) throws IOException {
        context.removeBundleListener(this);
        out.close();
        out = null;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        switch (event.getType()) {
            case BundleEvent.STARTED -> record("STARTED", event.getBundle());
            case BundleEvent.STOPPED -> record("STOPPED", event.getBundle());
            case BundleEvent.UNINSTALLED -> record("UNINSTALLED", event.getBundle());
            default -> {
                // other transitions are not measured
            }
        }
    }

    /** Stamps the event first, then waits for the writer: the stamp is when the framework delivered it. */
    private void record(String event, Bundle bundle) {
        long micros = micros(Instant.now());
        synchronized (this) {
            if (out != null) {
                write(event, bundle, micros);
            }
        }
    }

    private void write(String event, Bundle bundle) {
        write(event, bundle, micros(Instant.now()));
    }

    private void write(String event, Bundle bundle, long micros) {
        try {
            out.write(event + ' ' + bundle.getSymbolicName() + ' ' + micros);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            System.err.println("bench probe: cannot write: " + e);
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000L;
    }
}
