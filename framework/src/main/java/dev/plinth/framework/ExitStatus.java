package dev.plinth.framework;

/** The exit codes of {@code bin/plinth}. */
public enum ExitStatus {
    /** Stopped cleanly: end of input, {@code shutdown}, SIGTERM or Ctrl-C, or every command succeeded. */
    OK(0),
    /** A shell command given to {@code exec} or read from standard input failed. */
    COMMAND_FAILED(1),
    /** The command line or the configuration is wrong; nothing was started. */
    USAGE(2),
    /** Another Plinth process holds the home's data directory. */
    HOME_IN_USE(3),
    /** The framework could not be created or started. */
    START_FAILED(4),
    /** The framework did not stop within the shutdown timeout; the process was halted. */
    STOP_TIMED_OUT(5);

    private final int code;

    ExitStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
