package dev.plinth.bench;

import java.io.IOException;
import java.time.Duration;

/** Waiting on a condition with a bound, looking again every few milliseconds: never a fixed sleep. */
final class Await {

    /** A condition that may need I/O to check. */
    interface Condition {
        boolean holds() throws IOException;
    }

    private Await() {
    }

    static void until(String what, Duration bound, Duration poll, Condition condition)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("timed out after " + bound.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(poll.toMillis());
        }
    }
}
