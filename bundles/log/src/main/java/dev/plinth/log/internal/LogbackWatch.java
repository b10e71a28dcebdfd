package dev.plinth.log.internal;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.ReconfigureOnChangeTask;
import ch.qos.logback.core.spi.ConfigurationEvent;
import ch.qos.logback.core.spi.ConfigurationEventListener;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * Tells the operator when logback rejects an edit of its configuration file while the runtime
 * runs. Logback then keeps (or falls back to) the previous configuration and says so only in its
 * internal status list; this watch collects the errors of a reconfiguration and, once logging
 * works again, logs them as one warning.
 */
final class LogbackWatch implements StatusListener, ConfigurationEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(LogbackWatch.class);

    private final LoggerContext context;
    private final List<String> errors = new ArrayList<>();
    private boolean reconfiguring;
    private boolean fellBack;

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
        synchronized (errors) {
            if (!reconfiguring) {
                return;
            }
            reconfiguring = false;
            found = List.copyOf(errors);
            errors.clear();
            previousKept = fellBack;
        }
        if (!found.isEmpty()) {
            LOG.warn("The changed logging configuration {} has errors and was not applied{}: {}", configurationFile(),
                    previousKept ? "; logging goes on with the previous configuration"
                            : " as written; logback applied what it could of it",
                    String.join("; ", found));
        }
    }

    private static String configurationFile() {
        String file = System.getProperty("logback.configurationFile");
        return file == null ? "(logback's default)" : file;
    }
}
