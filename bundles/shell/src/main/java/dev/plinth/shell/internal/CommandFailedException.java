package dev.plinth.shell.internal;

import dev.plinth.api.PluginException;

/** A command's failure as the operator sees it: a message line, then each detail on its own indented line. */
final class CommandFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CommandFailedException(String message) {
        super(message);
    }

    private CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }

    /** How the interactive console prints a failure: {@code Error: <message>}, as exec and the CLI do. */
    @Override
    public String toString() {
        return "Error: " + getMessage();
    }

    /** The failure carrying {@code failure}'s message and details, with {@code failure} as its cause. */
    static CommandFailedException of(PluginException failure) {
        StringBuilder message = new StringBuilder(String.valueOf(failure.getMessage()));
        for (String detail : failure.details()) {
            message.append("\n  ").append(detail);
        }
        return new CommandFailedException(message.toString(), failure);
    }
}
