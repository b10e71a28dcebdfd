package dev.plinth.framework;

/**
 * A failure of the launcher: bad configuration, a home already in use, a framework that would not
 * start or stop. {@link #status()} tells which, and is what the command line exits with.
 */
public class PlinthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExitStatus status;

    public PlinthException(ExitStatus status, String message) {
        super(message);
        this.status = status;
    }

    public PlinthException(ExitStatus status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public ExitStatus status() {
        return status;
    }
}
