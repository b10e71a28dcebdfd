package dev.plinth.framework.internal;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.PlinthException;

/** A launcher configuration that cannot be used as written. */
public final class ConfigurationException extends PlinthException {

    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(ExitStatus.USAGE, message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(ExitStatus.USAGE, message, cause);
    }
}
