package dev.plinth.framework.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.Plinth;

/**
 * Ends the process exactly once. Either the launcher finishes its work and exits with its status,
 * or a signal (SIGTERM, Ctrl-C) arrives first: then the JVM's shutdown hook stops the framework
 * within the shutdown timeout and halts with {@link #statusOnSignal(ExitStatus)}, or with
 * {@link ExitStatus#STOP_TIMED_OUT} when the framework would not stop in time.
 */
final class Shutdown {

    private final Plinth plinth;
    private final PrintStream status;
    private final PrintStream err;
    private final AtomicBoolean exiting = new AtomicBoolean();
    private volatile ExitStatus onSignal = ExitStatus.OK;
    private volatile boolean announce;

    Shutdown(Plinth plinth, PrintStream status, PrintStream err) {
        this.plinth = plinth;
        this.status = status;
        this.err = err;
    }

    void install() {
        DeferredResetLogManager.hold();
        Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "plinth-shutdown"));
    }

    /** The exit status if a signal ends the process from now on. */
    void statusOnSignal(ExitStatus status) {
        this.onSignal = status;
    }

    /** Print "Plinth stopped" when the framework has stopped (console and daemon modes). */
    void announceStop(boolean announce) {
        this.announce = announce;
    }

    /** Claims the exit for the launcher's own status; false when a signal got there first. */
    boolean claim() {
        return exiting.compareAndSet(false, true);
    }

    /** Stops the framework on behalf of the launcher and returns the status to exit with. */
    ExitStatus stop(ExitStatus intended) {
        boolean stopped = plinth.stop(plinth.shutdownTimeout());
        return stopped ? stopped(intended) : timedOut();
    }

    /** The framework is down: report it and hand back the status. */
    ExitStatus stopped(ExitStatus intended) {
        DeferredResetLogManager.release();
        if (announce) {
            status.println("Plinth stopped");
        }
        status.flush();
        return intended;
    }

    private ExitStatus timedOut() {
        DeferredResetLogManager.release();
        err.println("Plinth did not stop within " + plinth.shutdownTimeout().toSeconds() + " s; halting");
        err.flush();
        return ExitStatus.STOP_TIMED_OUT;
    }

    /**
     * Watches for the framework stopping by itself (a {@code shutdown} typed in the console, a
     * bundle stopping the system bundle) and then ends the process with {@link ExitStatus#OK}.
     */
    void exitWhenFrameworkStops() {
        Thread watcher = new Thread(() -> {
            plinth.awaitStop();
            if (claim()) {
                stopped(ExitStatus.OK);
                System.exit(ExitStatus.OK.code());
            }
        }, "plinth-stop-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void onSignal() {
        if (!claim()) {
            return;
        }
        ExitStatus result = stop(onSignal);
        status.flush();
        err.flush();
        Runtime.getRuntime().halt(result.code());
    }
}
