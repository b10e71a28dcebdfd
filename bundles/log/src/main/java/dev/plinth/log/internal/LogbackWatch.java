package dev.plinth.log.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.joran.ReconfigureOnChangeTask;
import ch.qos.logback.core.joran.spi.ConfigurationWatchList;
import ch.qos.logback.core.joran.util.ConfigurationWatchListUtil;
import ch.qos.logback.core.model.Model;
import ch.qos.logback.core.model.ModelUtil;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Tells the operator when logback rejects an edit of its configuration file while the runtime
 * runs, and keeps the previous configuration in force. Logback itself falls back to the previous
 * configuration only for a file that is not well-formed XML, and says so only in its internal
 * status list; this watch goes back to it after any error of a reconfiguration as well, and then
 * logs the errors as one warning.
 */
final class LogbackWatch implements StatusListener, ConfigurationEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(LogbackWatch.class);
    /** The launcher's start-up property: a service carrying it fails the start, with its value as the reason. */
    private static final String STARTUP_FAILED = "plinth.startup.failed";

    private final LoggerContext context;
    private final List<String> errors = new ArrayList<>();
    private boolean reconfiguring;
    private boolean fellBack;
    /** The configuration in force when the change was detected, to go back to if the new one has errors. */
    private Model previous;

    private LogbackWatch(LoggerContext context) {
        this.context = context;
    }

    /** Watches {@code factory} if it is logback's; null for any other SLF4J provider. */
    static LogbackWatch attach(ILoggerFactory factory) {
        if (!(factory instanceof LoggerContext context)) {
            return null;
        }
        LogbackWatch watch = new LogbackWatch(context);
        context.getStatusManager().add(watch);
        context.addConfigurationEventListener(watch);
        return watch;
    }

    /**
     * Looks at how logback's first configuration went: with errors, logging goes on with the default configuration
     * ({@link LogbackStart}), the errors are logged, and a service tells the launcher that the start failed (a
     * daemon then does not start; the console and exec say it). Returns that service's registration, or null.
     */
    ServiceRegistration<Object> checkStart(Path logDirectory, BundleContext bundleContext) {
        List<String> found = LogbackStart.errors(context);
        if (found.isEmpty()) {
            return null;
        }
        LogbackStart.useDefaults(context, logDirectory);
        String reason = "the logging configuration " + configurationFile() + " has errors, so logging goes to "
                + logDirectory.resolve("plinth.log") + " with the default configuration until it is fixed: "
                + String.join("; ", found);
        LOG.error("{}", reason);
        return bundleContext.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(STARTUP_FAILED, reason)));
    }

    void detach() {
        context.removeConfigurationEventListener(this);
        context.getStatusManager().remove(this);
    }

    /** Logback drops its status listeners when it resets for a reconfiguration; this one stays. */
    @Override
    public boolean isResetResistant() {
        return true;
    }

    @Override
    public void addStatusEvent(Status status) {
        synchronized (errors) {
            if (!reconfiguring) {
                return;
            }
            if (status.getLevel() == Status.ERROR) {
                errors.add(status.getMessage());
            } else if (ReconfigureOnChangeTask.FALLING_BACK_TO_SAFE_CONFIGURATION.equals(status.getMessage())) {
                fellBack = true;
            }
        }
    }

    @Override
    public void listen(ConfigurationEvent event) {
        switch (event.getEventType()) {
            case CHANGE_DETECTED -> {
                synchronized (errors) {
                    errors.clear();
                    reconfiguring = true;
                    fellBack = false;
                    previous = configurator().recallSafeConfiguration();
                }
            }
            case CONFIGURATION_ENDED_SUCCESSFULLY, CONFIGURATION_ENDED_WITH_XML_PARSING_ERRORS -> report();
            default -> {
                // not a moment that tells how a reconfiguration went
            }
        }
    }

    private void report() {
        List<String> found;
        boolean previousKept;
        Model restore;
        synchronized (errors) {
            if (!reconfiguring) {
                return;
            }
            reconfiguring = false;
            found = List.copyOf(errors);
            errors.clear();
            previousKept = fellBack;
            restore = previous;
            previous = null;
        }
        if (!found.isEmpty() && !previousKept && restore != null) {
            previousKept = reapply(restore);
        }
        if (!found.isEmpty()) {
            LOG.warn("The changed logging configuration {} has errors and was not applied{}: {}", configurationFile(),
                    previousKept ? "; logging goes on with the previous configuration"
                            : " as written, and the previous configuration could not be restored",
                    String.join("; ", found));
        }
    }

    /**
     * Goes back to {@code model}, as logback itself does after a file that is not well-formed XML:
     * an edit with other errors (an unknown class, say) would otherwise leave logging broken.
     */
    private boolean reapply(Model model) {
        try {
            JoranConfigurator configurator = configurator();
            ConfigurationWatchList watched = ConfigurationWatchListUtil.getConfigurationWatchList(context);
            ConfigurationWatchList kept = watched == null ? null : watched.buildClone();
            context.reset();
            if (kept != null) {
                ConfigurationWatchListUtil.registerConfigurationWatchList(context, kept);
            }
            ModelUtil.resetForReuse(model);
            configurator.processModel(model);
            configurator.registerSafeConfiguration(model);
            return true;
        } catch (RuntimeException e) {
            LOG.error("Cannot go back to the previous logging configuration", e);
            return false;
        }
    }

    private JoranConfigurator configurator() {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        return configurator;
    }

    private static String configurationFile() {
        String file = System.getProperty("logback.configurationFile");
        return file == null ? "(logback's default)" : file;
    }
}
