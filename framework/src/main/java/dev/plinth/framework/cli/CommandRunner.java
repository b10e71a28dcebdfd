package dev.plinth.framework.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/** Runs Gogo programs in a session and prints what they return, or why they failed. */
final class CommandRunner {

    /**
     * A failure whose message is the whole answer (the shell bundle's, known by name: the launcher shares no classes
     * with bundles): printed on the commands' output, without an {@code Error:} line.
     */
    private static final String ANSWERED = "CommandAnsweredException";

    private final GogoSession session;
    private final PrintStream out;
    private final PrintStream err;

    CommandRunner(GogoSession session, PrintStream out, PrintStream err) {
        this.session = session;
        this.out = out;
        this.err = err;
    }

    /**
     * Runs one program, statement by statement, printing what each returns; stops at the first that fails, as
     * Gogo does. True when every statement succeeded.
     */
    boolean run(String program) {
        for (String statement : Statements.split(program)) {
            if (!runStatement(statement)) {
                return false;
            }
        }
        return true;
    }

    private boolean runStatement(String statement) {
        try {
            Object result = session.execute(statement);
            if (result != null) {
                out.println(session.format(result));
            }
            return true;
        } catch (Exception e) {
            if (e.getClass().getSimpleName().equals(ANSWERED)) {
                out.println(e.getMessage());
            } else {
                err.println("Error: " + describe(e));
            }
            return false;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Runs every line of {@code input} as a program, skipping blank lines and {@code #} comments,
     * until the input ends. True when every line succeeded.
     */
    boolean runLines(BufferedReader input) throws IOException {
        boolean allSucceeded = true;
        String line;
        while ((line = input.readLine()) != null) {
            String program = line.strip();
            if (program.isEmpty() || program.startsWith("#")) {
                continue;
            }
            allSucceeded &= run(program);
        }
        return allSucceeded;
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }
}
