package dev.plinth.itests.reliability;

import java.io.IOException;
import java.time.Duration;

import dev.plinth.itests.blackbox.Plinth;

/**
 * An operator typing commands into a running runtime's shell (its batch mode reading standard input): each command
 * is followed by an {@code echo} of a mark, and the command counts as answered once the mark is printed.
 */
final class ShellOperator {

    private final Plinth.Running runtime;
    private int marks;
    private int searchedTo;

    ShellOperator(Plinth.Running runtime) {
        this.runtime = runtime;
    }

    /** Runs {@code command}; returns how long the answer took; fails when there is none within {@code bound}. */
    synchronized Duration run(String command, Duration bound) throws IOException, InterruptedException {
        String mark = "@@answered-" + (++marks);
        long started = System.nanoTime();
        runtime.write(command + "\necho " + mark + "\n");
        long deadline = started + bound.toNanos();
        while (true) {
            String out = runtime.out();
            int found = out.indexOf(mark, searchedTo);
            if (found >= 0) {
                searchedTo = found + mark.length();
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (!runtime.process.isAlive()) {
                throw new AssertionError("the runtime ended while answering " + command + "\n" + runtime.err());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no answer to " + command + " within " + bound.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }
}
