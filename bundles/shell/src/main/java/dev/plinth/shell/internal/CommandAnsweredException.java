package dev.plinth.shell.internal;

/**
 * A command failed and its message is the whole answer: consoles print it as it is (no exception name), and
 * {@code bin/plinth exec} prints it on standard output without an {@code Error:} line. The launcher knows it by its
 * simple name; the exit status stays that of a failure.
 */
public final class CommandAnsweredException extends Exception {

    private static final long serialVersionUID = 1L;

    public CommandAnsweredException(String answer) {
        super(answer);
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
