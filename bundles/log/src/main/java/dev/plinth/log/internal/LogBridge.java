package dev.plinth.log.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.slf4j.ILoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Connects the other logging APIs to SLF4J: listens to every OSGi Log Service reader, and routes
 * java.util.logging through SLF4J. SLF4J's provider (logback reading {@code etc/logback.xml}) is
 * started on a thread of its own, beside the rest of the runtime's start, as it takes a while;
 * OSGi Log Service entries wait for it, and stopping waits for it, so nothing logged is lost.
 */
@Component(service = {}, immediate = true)
public final class LogBridge {

    private static final long START_BOUND_SECONDS = 30;
    private static final Duration FLUSH_BOUND = Duration.ofSeconds(5);
    private static final boolean LOGBACK_PRESENT = logbackPresent();
    /** The launcher's start-up properties: a service carrying one holds, or fails, the start. */
    private static final String STARTUP_PENDING = "plinth.startup.pending";

    private final Slf4jLogListener listener = new Slf4jLogListener();
    private final Logger flushLogger;
    private final Thread backendStart;
    private final BundleContext context;
    private final ServiceRegistration<Object> starting;
    /** Tells the launcher that etc/logback.xml has errors; null when it has none. */
    private volatile ServiceRegistration<Object> failure;
    /** Reports rejected edits of logback's configuration; null with another SLF4J provider. */
    private volatile LogbackWatch logbackWatch;

    @Activate
    public LogBridge(BundleContext context, @Reference LoggerFactory loggers) {
        this.context = context;
        flushLogger = loggers.getLogger(Slf4jLogListener.FLUSH_LOGGER);
        starting = context.registerService(Object.class, new Object(), FrameworkUtil.asDictionary(
                Map.of(STARTUP_PENDING, "logging is reading its configuration")));
        backendStart = new Thread(this::startBackend, "plinth-logging-start");
        backendStart.setDaemon(true);
        backendStart.start();
    }

    private void startBackend() {
        try {
            ILoggerFactory factory = org.slf4j.LoggerFactory.getILoggerFactory();
            if (LOGBACK_PRESENT) {
                logbackWatch = LogbackWatch.attach(factory);
                if (logbackWatch != null) {
                    failure = logbackWatch.checkStart(logDirectory(), context);
                }
            }
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
            listener.open();
        } finally {
            unregister(starting);
        }
    }

    private Path logDirectory() {
        String configured = System.getProperty("plinth.log.dir", context.getProperty("plinth.log"));
        return Path.of(configured == null || configured.isBlank() ? "data/log" : configured);
    }

    private static void unregister(ServiceRegistration<?> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // gone with the bundle
        }
    }

    /**
     * Writes what is still on its way before letting go: this bundle stops before the Log Service
     * (it starts after it), so the entries of everything stopped so far still come through.
     */
    @Deactivate
    void stop() throws InterruptedException {
        backendStart.join(TimeUnit.SECONDS.toMillis(START_BOUND_SECONDS));
        listener.flush(flushLogger, FLUSH_BOUND);
        listener.close();
        SLF4JBridgeHandler.uninstall();
        unregister(starting);
        unregister(failure);
        if (logbackWatch != null) {
            logbackWatch.detach();
        }
    }

    /** Whether logback's packages are wired to this bundle (they are optional imports). */
    private static boolean logbackPresent() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext", false, LogBridge.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addReader(LogReaderService reader) {
        reader.addLogListener(listener);
    }

    void removeReader(LogReaderService reader) {
        reader.removeLogListener(listener);
    }
}
