package dev.plinth.bench.timeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import org.osgi.framework.AllServiceListener;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.startlevel.BundleStartLevel;

/**
 * The activator of the timeline probe bundle ({@code bench.timeline}) that the startup benchmark puts into
 * Plinth's {@code system/} at start level 1, only for the runs that take the startup timeline (never for
 * the runs whose figures are reported). It appends one line per observation to the file named by the property
 * {@value #FILE_PROPERTY}: {@code <kind> <name> <start level or -> <epoch-micros>}. Kinds: {@code JVM} (the
 * JVM's start time, milliseconds precision), {@code PROBE} (its own activator ran), {@code STARTED} (a bundle's
 * event, with the bundle's start level), {@code COMPONENT} (the first service registered by a DS component,
 * by its {@code component.name}) and {@code FRAMEWORK} (the framework's STARTED event, with the start level).
 *
 * <p>One class with no nested classes: the harness packages this class file alone into the jar.
 */
public final class TimelineProbe implements BundleActivator, SynchronousBundleListener, AllServiceListener,
        FrameworkListener {

    /** The framework or system property naming the file the probe appends to. */
    public static final String FILE_PROPERTY = "bench.timeline.file";

    private final Set<String> components = new HashSet<>();
    private BufferedWriter out;
    private BundleContext context;

    @Override
    public synchronized void start(BundleContext context) throws IOException {
        long now = micros();
        String file = context.getProperty(FILE_PROPERTY);
        if (file == null || file.isBlank()) {
            throw new IllegalStateException("bench timeline: set the property " + FILE_PROPERTY);
        }
        this.context = context;
        out = Files.newBufferedWriter(Path.of(file), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        write("JVM", "-", "-", ManagementFactory.getRuntimeMXBean().getStartTime() * 1000L);
        write("PROBE", "-", "-", now);
        context.addBundleListener(this);
        context.addServiceListener(this);
        context.addFrameworkListener(this);
    }

    @Override
    public synchronized void stop(BundleContext context) throws IOException {
        context.removeFrameworkListener(this);
        context.removeServiceListener(this);
        context.removeBundleListener(this);
        out.close();
        out = null;
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        if (event.getType() == BundleEvent.STARTED) {
            long now = micros();
            Bundle bundle = event.getBundle();
            BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
            record("STARTED", bundle.getSymbolicName(), level == null ? "-" : Integer.toString(level.getStartLevel()),
                    now);
        }
    }

    @Override
    public void serviceChanged(ServiceEvent event) {
        if (event.getType() != ServiceEvent.REGISTERED) {
            return;
        }
        long now = micros();
        Object name = event.getServiceReference().getProperty("component.name");
        if (name != null) {
            synchronized (this) {
                if (!components.add(name.toString())) {
                    return;
                }
            }
            record("COMPONENT", name.toString(), "-", now);
        }
    }

    @Override
    public void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED || event.getType() == FrameworkEvent.STARTLEVEL_CHANGED) {
            long now = micros();
            BundleContext current = context;
            String level = "-";
            if (current != null) {
                org.osgi.framework.startlevel.FrameworkStartLevel start = current.getBundle(0)
                        .adapt(org.osgi.framework.startlevel.FrameworkStartLevel.class);
                level = Integer.toString(start.getStartLevel());
            }
            record("FRAMEWORK", event.getType() == FrameworkEvent.STARTED ? "STARTED" : "STARTLEVEL_CHANGED", level,
                    now);
        }
    }

    private synchronized void record(String kind, String name, String level, long micros) {
        if (out != null) {
            write(kind, name, level, micros);
        }
    }

    private void write(String kind, String name, String level, long micros) {
        try {
            out.write(kind + ' ' + name + ' ' + level + ' ' + micros);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            System.err.println("bench timeline: cannot write: " + e);
        }
    }

    private static long micros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }
}
