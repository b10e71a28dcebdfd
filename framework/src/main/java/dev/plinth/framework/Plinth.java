package dev.plinth.framework;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;

import dev.plinth.framework.internal.BootBundles;
import dev.plinth.framework.internal.HomeLock;
import dev.plinth.framework.internal.LauncherConfiguration;
import dev.plinth.framework.internal.LauncherProperties;
import dev.plinth.framework.internal.StartupMonitor;

/**
 * A Plinth runtime on one home directory, for Java programs and tests that embed it.
 *
 * <pre>{@code
 * try (Plinth plinth = Plinth.builder().home(Path.of("/opt/plinth")).build()) {
 *     Startup startup = plinth.start();
 *     BundleContext context = plinth.bundleContext();
 *     ...
 * }
 * }</pre>
 *
 * {@link #start()} claims the home's data directory, installs the boot bundles from
 * {@code system/} and returns once the framework has reached its beginning start level.
 * {@link #close()} stops the framework within the configured shutdown timeout and releases
 * the home. One instance runs at most once.
 */
public final class Plinth implements AutoCloseable {

    private final LauncherConfiguration configuration;
    private final boolean clean;
    private final boolean deferConsole;
    private final Supplier<Instant> origin;

    private final Object lifecycle = new Object();
    /** Written under {@link #lifecycle}; read without it, so that a stop can reach a framework still starting. */
    private volatile Framework framework;
    private final AtomicReference<HomeLock> lock = new AtomicReference<>();
    private boolean used;

    private Plinth(LauncherConfiguration configuration, boolean clean, boolean deferConsole, Supplier<Instant> origin) {
        this.configuration = configuration;
        this.clean = clean;
        this.deferConsole = deferConsole;
        this.origin = origin;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The Plinth version, from the launcher's manifest. */
    public static String version() {
        String version = Plinth.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * Starts the framework and waits until it has reached its beginning start level.
     *
     * @throws PlinthException when the home is in use ({@link ExitStatus#HOME_IN_USE}) or the
     *         framework cannot be started ({@link ExitStatus#START_FAILED}); nothing keeps running then
     */
    public Startup start() {
        synchronized (lifecycle) {
            if (used) {
                throw new IllegalStateException("this Plinth instance has already been started");
            }
            used = true;
            Instant called = Instant.now();
            Supplier<Instant> from = origin == null ? () -> called : origin;
            lock.set(HomeLock.acquire(configuration.dataDirectory()));
            try {
                return boot(from);
            } catch (RuntimeException | Error e) {
                abandon();
                throw e;
            }
        }
    }

    private Startup boot(Supplier<Instant> from) {
        CompletableFuture<Void> loggingCheck = CompletableFuture.runAsync(configuration::checkLoggingConfiguration);
        if (clean) {
            deleteTree(configuration.cacheDirectory());
        }
        configuration.systemProperties().forEach(System::setProperty);
        Map<String, String> properties = new HashMap<>(configuration.frameworkProperties());
        properties.put(LauncherProperties.VERSION, version());
        int readyLevel = readyStartLevel();
        int holdLevel = Math.max(1, Math.min(readyLevel, configuration.pluginsStartLevel() - 1));
        properties.put(LauncherProperties.BEGINNING_START_LEVEL, Integer.toString(holdLevel));
        framework = frameworkFactory().newFramework(properties);
        try {
            framework.init();
            BundleContext system = framework.getBundleContext();
            StartupMonitor monitor = StartupMonitor.attach(system);
            List<Bundle> boot = new BootBundles(system, configuration.systemDirectory(),
                    configuration.startLevels()).reconcile();
            awaitCheck(loggingCheck);
            framework.start();
            Duration bound = configuration.readyTimeout();
            Framework starting = framework;
            if (!monitor.awaitStarted(bound, () -> isUp(starting))) {
                if (!isUp(starting)) {
                    throw new PlinthException(ExitStatus.START_FAILED, "the framework was stopped while starting");
                }
                throw new PlinthException(ExitStatus.START_FAILED, "the framework did not reach start level "
                        + holdLevel + " within " + bound.toSeconds() + " s");
            }
            List<String> failures = new ArrayList<>();
            if (holdLevel < readyLevel) {
                for (String pending : StartupMonitor.awaitPending(system, bound)) {
                    failures.add("still starting after " + bound.toSeconds() + " s: " + pending);
                }
                startLevel(readyLevel);
            }
            monitor.detach(system);
            failures.addAll(failures(boot, monitor, readyLevel));
            for (String pending : StartupMonitor.awaitPending(system, bound)) {
                failures.add("still starting after " + bound.toSeconds() + " s: " + pending);
            }
            if (!isUp(starting)) {
                throw new PlinthException(ExitStatus.START_FAILED, "the framework was stopped while starting");
            }
            Instant ready = Instant.now();
            return new Startup(version(), Duration.between(from.get(), ready), system.getBundles().length,
                    failures);
        } catch (BundleException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "the framework could not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlinthException(ExitStatus.START_FAILED, "interrupted while starting", e);
        } catch (IllegalStateException e) {
            if (!isUp(framework)) {
                throw new PlinthException(ExitStatus.START_FAILED, "the framework was stopped while starting", e);
            }
            throw e;
        }
    }

    /** Waits for a check that ran beside the framework's initialisation, and throws what it found. */
    private static void awaitCheck(CompletableFuture<Void> check) {
        try {
            check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    private int readyStartLevel() {
        int beginning = configuration.beginningStartLevel();
        return deferConsole ? Math.max(1, Math.min(beginning, configuration.consoleStartLevel() - 1)) : beginning;
    }

    private List<String> failures(List<Bundle> boot, StartupMonitor monitor, int level) {
        List<String> failures = new ArrayList<>();
        for (Bundle bundle : boot) {
            boolean due = bundle.adapt(BundleStartLevel.class).getStartLevel() <= level;
            if (due && !BootBundles.isFragment(bundle) && bundle.getState() != Bundle.ACTIVE) {
                Throwable cause = monitor.failureOf(bundle);
                failures.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " did not start: "
                        + (cause == null ? "state " + bundle.getState() : rootMessage(cause)));
            }
        }
        return failures;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = failure.getMessage();
        if (root != failure && root.getMessage() != null) {
            message = message + " (" + root.getMessage() + ")";
        }
        return message;
    }

    /**
     * Moves the running framework to {@code level} and waits, within the ready timeout, until it
     * got there.
     */
    public void startLevel(int level) {
        Framework running = running();
        try {
            if (!StartupMonitor.moveTo(running, level, configuration.readyTimeout())) {
                throw new PlinthException(ExitStatus.START_FAILED, "the framework did not reach start level "
                        + level + " within " + configuration.readyTimeout().toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlinthException(ExitStatus.START_FAILED, "interrupted while changing the start level", e);
        }
    }

    /**
     * Starts the console: moves a framework built with {@link Builder#deferConsole(boolean)} on
     * to its beginning start level, which starts the bundles at the console start level.
     */
    public void startConsole() {
        startLevel(configuration.beginningStartLevel());
    }

    /** The system bundle's context, to find services and bundles of the running framework. */
    public BundleContext bundleContext() {
        return running().getBundleContext();
    }

    public boolean isRunning() {
        Framework current = current();
        return current != null && isUp(current);
    }

    /** Starting or running, as opposed to stopping or stopped. */
    private static boolean isUp(Framework framework) {
        return (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0;
    }

    /**
     * Stops the framework and waits up to {@code bound} for it. Returns false when it had not
     * stopped by then; the home stays claimed in that case.
     */
    public boolean stop(Duration bound) {
        Framework current = current();
        if (current == null) {
            return true;
        }
        try {
            current.stop();
            return awaitStop(bound);
        } catch (BundleException e) {
            throw new PlinthException(ExitStatus.STOP_TIMED_OUT, "the framework could not stop: " + e.getMessage(), e);
        }
    }

    /**
     * Waits up to {@code bound} until the framework has stopped, whoever stopped it, and then
     * releases the home. Returns false when it is still running.
     */
    public boolean awaitStop(Duration bound) {
        Framework current = current();
        if (current == null) {
            return true;
        }
        try {
            FrameworkEvent event = current.waitForStop(bound.toMillis());
            if (event.getType() == FrameworkEvent.WAIT_TIMEDOUT) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        releaseHome();
        return true;
    }

    /** Waits, without bound, until the framework has stopped. */
    public void awaitStop() {
        awaitStop(Duration.ZERO);
    }

    /** Stops within the configured shutdown timeout ({@code plinth.shutdown.timeout}). */
    @Override
    public void close() {
        if (!stop(shutdownTimeout())) {
            throw new PlinthException(ExitStatus.STOP_TIMED_OUT, "the framework did not stop within "
                    + shutdownTimeout().toSeconds() + " s");
        }
    }

    public Path home() {
        return configuration.home();
    }

    public Path dataDirectory() {
        return configuration.dataDirectory();
    }

    /** Where the boot bundles' jars are ({@code plinth.system}). */
    public Path systemDirectory() {
        return configuration.systemDirectory();
    }

    /** Where the runtime's logs go ({@code plinth.log}). */
    public Path logDirectory() {
        return configuration.logDirectory();
    }

    /** A launcher or framework property after interpolation, or null. */
    public String property(String key) {
        return configuration.get(key);
    }

    public int beginningStartLevel() {
        return configuration.beginningStartLevel();
    }

    public int consoleStartLevel() {
        return configuration.consoleStartLevel();
    }

    public Duration shutdownTimeout() {
        return configuration.shutdownTimeout();
    }

    private Framework current() {
        return framework;
    }

    private Framework running() {
        Framework current = current();
        if (current == null) {
            throw new IllegalStateException("Plinth is not running");
        }
        return current;
    }

    private void abandon() {
        if (framework != null) {
            try {
                framework.stop();
                framework.waitForStop(configuration.shutdownTimeout().toMillis());
            } catch (BundleException | InterruptedException e) {
                // already failing; the original error is what the caller needs
            }
        }
        releaseHome();
    }

    private void releaseHome() {
        HomeLock held = lock.getAndSet(null);
        if (held != null) {
            held.close();
        }
    }

    private static FrameworkFactory frameworkFactory() {
        Iterator<FrameworkFactory> factories = ServiceLoader.load(FrameworkFactory.class, Plinth.class.getClassLoader())
                .iterator();
        if (!factories.hasNext()) {
            throw new PlinthException(ExitStatus.START_FAILED, "no OSGi framework on the launcher's class path");
        }
        return factories.next();
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "cannot discard the framework cache " + root + ": "
                    + e.getMessage(), e);
        }
    }

    /** Configures a {@link Plinth} before it is built. */
    public static final class Builder {

        private Path home;
        private final Map<String, String> properties = new HashMap<>();
        private boolean clean;
        private boolean deferConsole;
        private Supplier<Instant> origin;

        private Builder() {
        }

        /** The home directory holding {@code conf/}, {@code etc/} and {@code system/}. Required. */
        public Builder home(Path home) {
            this.home = Objects.requireNonNull(home, "home");
            return this;
        }

        /** A framework or launcher property; wins over {@code conf/plinth.properties}. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /** Discard the framework cache before starting; the rest of {@code data/} stays. */
        public Builder clean(boolean clean) {
            this.clean = clean;
            return this;
        }

        /**
         * Hold back the bundles at and above the console start level ({@code plinth.startlevel.console})
         * until {@link Plinth#startConsole()}, so that nothing is printed on the console before the
         * ready line.
         */
        public Builder deferConsole(boolean deferConsole) {
            this.deferConsole = deferConsole;
            return this;
        }

        /**
         * The instant the ready time is measured from, asked for once the framework is ready; by
         * default the call to {@link Plinth#start()}.
         */
        public Builder measuredFrom(Supplier<Instant> origin) {
            this.origin = origin;
            return this;
        }

        /**
         * Reads the configuration of the home.
         *
         * @throws PlinthException with {@link ExitStatus#USAGE} when it cannot be used
         */
        public Plinth build() {
            if (home == null) {
                throw new PlinthException(ExitStatus.USAGE, "no Plinth home given");
            }
            return new Plinth(LauncherConfiguration.load(home, properties), clean, deferConsole, origin);
        }
    }
}
