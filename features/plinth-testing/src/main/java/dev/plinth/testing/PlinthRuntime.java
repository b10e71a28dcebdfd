package dev.plinth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.opentest4j.AssertionFailedError;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

import dev.plinth.api.Options;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginManager;
import dev.plinth.framework.Plinth;
import dev.plinth.framework.PlinthException;
import dev.plinth.framework.Startup;
import dev.plinth.testing.internal.Archives;
import dev.plinth.testing.internal.Components;
import dev.plinth.testing.internal.FrameworkClassPath;
import dev.plinth.testing.internal.Gogo;
import dev.plinth.testing.internal.ServiceBridge;
import dev.plinth.testing.internal.SystemBundles;

/**
 * A real Plinth runtime on a temporary home, with a plugin under test installed through the plugin manager. The
 * {@link PlinthTest} extension makes one per test class; programs make one with {@link #start(Options)} and close it.
 * Failures of the runtime and of the manager are {@link AssertionFailedError}s whose message starts with the
 * manager's message.
 */
public final class PlinthRuntime implements AutoCloseable {

    private static final Duration SERVICE_WAIT = Duration.ofSeconds(10);
    private static final String ORIGIN = "test";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** SPI Fly logs each provider it registers through java.util.logging, on the test's console otherwise. */
    private static final java.util.logging.Logger SPIFLY = quiet("org.apache.aries.spifly");

    private final Path home;
    private final Plinth plinth;
    private final int httpPort;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private String pluginId;
    private Duration readyTime;
    private volatile String keepLogOnClose;
    private volatile Path keptLog;

    private PlinthRuntime(Path home, Plinth plinth, int httpPort) {
        this.home = home;
        this.plinth = plinth;
        this.httpPort = httpPort;
    }

    /** What to start: the plugin under test, the bundles before it, properties. */
    public static final class Options {

        private Path plugin;
        private final List<Path> bundles = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private boolean enable = true;
        private final EnumSet<Extra> with = EnumSet.noneOf(Extra.class);
        private String keepLogAs;

        /** The plugin under test: a bundle jar, or a folder holding a bundle manifest (target/classes). */
        public Options plugin(Path jarOrFolder) {
            this.plugin = Objects.requireNonNull(jarOrFolder, "plugin");
            return this;
        }

        /** A bundle installed and enabled before the plugin. */
        public Options bundle(Path jarOrFolder) {
            bundles.add(Objects.requireNonNull(jarOrFolder, "bundle"));
            return this;
        }

        /** A framework or launcher property. */
        public Options property(String key, String value) {
            properties.put(key, value);
            return this;
        }

        /** Boot bundles left out by default to boot as well ({@link Extra}). */
        public Options with(Extra... extras) {
            with.addAll(List.of(extras));
            return this;
        }

        /**
         * When the start fails, keep the runtime's log as {@code target/plinth-testing/<name>.log} (only in a Maven
         * project's folder, where target/ exists) and name it in the failure.
         */
        public Options keepLogAs(String name) {
            this.keepLogAs = name;
            return this;
        }

        /** Whether the plugin is enabled after its install (default true). */
        public Options enable(boolean enable) {
            this.enable = enable;
            return this;
        }
    }

    /**
     * Starts a runtime on a new temporary home, installs the bundles and the plugin through the manager, and
     * returns once the plugin is installed (and enabled). Throws {@link AssertionFailedError} when the runtime cannot
     * start or the manager refuses or fails; nothing keeps running then.
     */
    public static PlinthRuntime start(Options options) {
        Instant called = Instant.now();
        Objects.requireNonNull(SPIFLY);
        FrameworkClassPath.check();
        SystemBundles system = SystemBundles.shared();
        Path home = createHome();
        int port = freePort();
        Plinth.Builder builder = Plinth.builder().home(home)
                .property("plinth.system", system.directory(options.with).toString())
                .property("org.osgi.framework.system.packages.extra", system.apiPackages())
                .property("org.osgi.service.http.port", Integer.toString(port))
                .property("org.apache.felix.http.host", "127.0.0.1")
                .property("gosh.args", "--nointeractive --noshutdown")
                .property("gosh.home", home.toString())
                .property("plinth.shutdown.timeout", "20")
                .property("felix.resolver.parallelism", "1");
        options.properties.forEach(builder::property);
        PlinthRuntime runtime;
        try {
            runtime = new PlinthRuntime(home, builder.build(), port);
        } catch (PlinthException e) {
            deleteTree(home);
            throw new AssertionFailedError("the test runtime cannot be configured: " + e.getMessage(), e);
        }
        try {
            Startup startup = runtime.plinth.start();
            if (!startup.failures().isEmpty()) {
                throw new AssertionFailedError("the test runtime started with failures: "
                        + String.join("; ", startup.failures()));
            }
            for (Path bundle : options.bundles) {
                runtime.install(runtime.asJar(bundle));
            }
            if (options.plugin != null) {
                Path jar = runtime.asJar(options.plugin);
                runtime.pluginId = Archives.symbolicName(jar);
                runtime.managerCall(() -> runtime.manager().install(jar.toUri(),
                        dev.plinth.api.Options.DEFAULT.withEnable(options.enable).withOrigin(ORIGIN)));
                if (options.enable) {
                    runtime.checkComponents(runtime.pluginId);
                }
            }
            runtime.readyTime = Duration.between(called, Instant.now());
            return runtime;
        } catch (PlinthException e) {
            runtime.keepLogOnClose(options.keepLogAs);
            runtime.closeQuietly();
            throw new AssertionFailedError("the test runtime did not start: " + e.getMessage()
                    + runtime.keptLogNote(), e);
        } catch (AssertionFailedError e) {
            runtime.keepLogOnClose(options.keepLogAs);
            runtime.closeQuietly();
            String kept = runtime.keptLogNote();
            throw kept.isEmpty() ? e : Failures.withNote(e, kept);
        } catch (RuntimeException | Error e) {
            runtime.closeQuietly();
            throw e;
        }
    }

    /** From the call to {@link #start(Options)} until the plugin was installed (and enabled). */
    public Duration readyTime() {
        return readyTime;
    }

    /** The symbolic name of the plugin under test. */
    public String pluginId() {
        return pluginId;
    }

    /** The plugin under test as the manager sees it now. */
    public PluginInfo plugin() {
        return managerCall(() -> manager().get(pluginId));
    }

    public PluginManager manager() {
        return service(PluginManager.class);
    }

    /** The system bundle's context. */
    public BundleContext bundleContext() {
        return plinth.bundleContext();
    }

    public Path home() {
        return home;
    }

    /**
     * A service by type, waited for at most 10 s; a type the test loaded itself is bridged
     * (docs/testing.md). Fails when there is none.
     */
    public <T> T service(Class<T> type) {
        return service(type, SERVICE_WAIT);
    }

    <T> T service(Class<T> type, Duration bound) {
        ServiceTracker<Object, Object> tracker;
        try {
            tracker = new ServiceTracker<>(bundleContext(),
                    bundleContext().createFilter("(objectClass=" + type.getName() + ")"), null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        tracker.open(true);
        synchronized (trackers) {
            trackers.add(tracker);
        }
        Object service;
        try {
            service = tracker.waitForService(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for the service " + type.getName(), e);
        }
        if (service == null) {
            throw new AssertionFailedError("no service " + type.getName() + " in the test runtime within "
                    + bound.toSeconds() + " s");
        }
        return ServiceBridge.adapt(type, service);
    }

    /**
     * Runs Gogo commands in a session of their own and returns what the console would print (output and the
     * formatted result), trimmed. A failing command throws {@link AssertionFailedError} quoting it.
     */
    public String execute(String commands) {
        try {
            return Gogo.execute(bundleContext(), commands, SERVICE_WAIT);
        } catch (AssertionFailedError e) {
            String failures = componentFailures();
            throw failures.isEmpty() ? e : Failures.withNote(e, failures);
        }
    }

    /**
     * Runs the commands until what they print satisfies {@code condition}, at most 10 s, for effects that arrive
     * asynchronously (settings reach a component after Configuration Admin delivered them); returns that output, or
     * fails quoting the last one.
     */
    public String await(String commands, Predicate<String> condition) {
        Instant end = Instant.now().plus(SERVICE_WAIT);
        String output = execute(commands);
        while (!condition.test(output)) {
            if (Instant.now().isAfter(end)) {
                throw new AssertionFailedError("after " + SERVICE_WAIT.toSeconds() + " s, " + commands
                        + " still prints:\n" + output);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionFailedError("interrupted while waiting for: " + commands, e);
            }
            output = execute(commands);
        }
        return output;
    }

    /** Upgrades the plugin under test to another build through the manager; returns it as it is then. */
    public PluginInfo upgrade(Path jar) {
        Path archive = asJar(jar);
        managerCall(() -> manager().upgrade(pluginId, archive.toUri(), dev.plinth.api.Options.DEFAULT
                .withOrigin(ORIGIN)));
        checkComponents(pluginId);
        return plugin();
    }

    /** Installs and enables another plugin through the manager; returns it. */
    public PluginInfo install(Path jar) {
        Path archive = asJar(jar);
        String id = Archives.symbolicName(archive);
        managerCall(() -> manager().install(archive.toUri(),
                dev.plinth.api.Options.DEFAULT.withEnable(true).withOrigin(ORIGIN)));
        checkComponents(id);
        return managerCall(() -> manager().get(id));
    }

    /** A bundle jar on the test class path, by symbolic name (its highest version when several). */
    public Path bundle(String symbolicName) {
        return asJar(Archives.find(symbolicName, null).location());
    }

    /** A bundle jar on the test class path, by symbolic name and version. */
    public Path bundle(String symbolicName, String version) {
        return asJar(Archives.find(symbolicName, version).location());
    }

    /** The REST API of this runtime: {@code uri("/api/plugins")}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + (path.startsWith("/") ? path : "/" + path));
    }

    /** A GET of the REST API with the admin token. */
    public HttpResponse<String> get(String path) {
        HttpRequest request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken()).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionFailedError("GET " + request.uri() + " failed: " + e.getMessage()
                    + componentFailures(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted: GET " + request.uri(), e);
        }
    }

    /** The REST API's admin token of this runtime. */
    public String adminToken() {
        Path token = plinth.dataDirectory().resolve("rest/admin.token");
        try {
            return Files.readString(token, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new AssertionFailedError("the REST API's admin token " + token + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** Stops the runtime and deletes its home. */
    @Override
    public void close() {
        synchronized (trackers) {
            trackers.forEach(ServiceTracker::close);
            trackers.clear();
        }
        try {
            if (!plinth.stop(plinth.shutdownTimeout())) {
                throw new AssertionFailedError("the test runtime did not stop within "
                        + plinth.shutdownTimeout().toSeconds() + " s; its home " + home + " is left");
            }
        } finally {
            if (keepLogOnClose != null) {
                keepLog(keepLogOnClose);
            }
            if (!plinth.isRunning()) {
                deleteTree(home);
            }
        }
    }

    /**
     * Copies the runtime's log to {@code target/plinth-testing/<name>.log} when the working directory is a Maven
     * project's (target/ exists) and the log exists; returns the copy, or null when nothing was kept.
     */
    public Path keepLog(String name) {
        Path target = Path.of("target");
        Path log = logFile();
        if (name == null || !Files.isDirectory(target) || !Files.isRegularFile(log)) {
            return null;
        }
        try {
            Path kept = Files.createDirectories(target.resolve("plinth-testing")).resolve(name + ".log");
            Files.copy(log, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            keptLog = kept.toAbsolutePath();
            return keptLog;
        } catch (IOException e) {
            return null;
        }
    }

    /** At {@link #close()}, once the runtime stopped (its log complete), keep its log as {@link #keepLog}. */
    void keepLogOnClose(String name) {
        keepLogOnClose = name;
    }

    /** Where the log was kept last, as a line to add to a failure; empty when it was not. */
    String keptLogNote() {
        Path kept = keptLog;
        return kept == null ? "" : "\n(the test runtime's log is kept in " + kept + ")";
    }

    private Path logFile() {
        String directory = bundleContext() == null ? null : bundleContext().getProperty("plinth.log");
        Path base = directory == null || directory.isBlank() ? plinth.dataDirectory().resolve("log")
                : home.resolve(directory);
        return base.resolve("plinth.log");
    }

    private void checkComponents(String id) {
        Bundle bundle = pluginBundle(id);
        List<String> failures = Components.failures(bundleContext(), bundle);
        if (!failures.isEmpty()) {
            String name = id + " " + bundle.getVersion() + " is enabled, but its component ";
            throw new AssertionFailedError(name + String.join("\n" + name, failures));
        }
    }

    private String componentFailures() {
        if (pluginId == null) {
            return "";
        }
        try {
            List<String> failures = Components.failures(bundleContext(), pluginBundle(pluginId));
            return failures.isEmpty() ? "" : "\n" + pluginId + "'s components: " + String.join("; ", failures);
        } catch (RuntimeException e) {
            return "";
        }
    }

    private Bundle pluginBundle(String id) {
        Bundle found = null;
        for (Bundle bundle : bundleContext().getBundles()) {
            if (id.equals(bundle.getSymbolicName())
                    && (found == null || bundle.getState() == Bundle.ACTIVE && found.getState() != Bundle.ACTIVE)) {
                found = bundle;
            }
        }
        return found;
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException | Error e) {
            // the start failure is what the caller needs
        }
    }

    private Path asJar(Path jarOrFolder) {
        if (!Files.isDirectory(jarOrFolder)) {
            return jarOrFolder;
        }
        String name = Archives.symbolicName(jarOrFolder);
        return Archives.jarUp(jarOrFolder, home.resolve("test-bundles").resolve(name + "-" + System.nanoTime()
                + ".jar"));
    }

    private interface ManagerCall<T> {
        T call() throws PluginException;
    }

    private <T> T managerCall(ManagerCall<T> call) {
        try {
            return call.call();
        } catch (PluginException e) {
            throw new AssertionFailedError(describe(e), e);
        }
    }

    /** The manager's message, then its details, one a line. */
    static String describe(PluginException e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (String detail : e.details()) {
            text.append("\n  ").append(detail);
        }
        return text.toString();
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    private static Path createHome() {
        try {
            Path home = Files.createTempDirectory("plinth-test-");
            Path etc = Files.createDirectories(home.resolve("etc"));
            for (String file : List.of("logback.xml", "logging.properties", "gosh_profile")) {
                try (InputStream in = PlinthRuntime.class.getResourceAsStream("home/etc/" + file)) {
                    Files.copy(Objects.requireNonNull(in, file), etc.resolve(file));
                }
            }
            Files.createDirectories(home.resolve("deploy"));
            return home;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a home for the test runtime: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the test runtime's home " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "Plinth test runtime " + home + (pluginId == null ? "" : " with " + pluginId);
    }
}
