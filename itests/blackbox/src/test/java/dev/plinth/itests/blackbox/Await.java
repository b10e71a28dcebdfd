package dev.plinth.itests.blackbox;

import java.time.Duration;
import java.util.function.Predicate;

/** Waiting on a condition with a bound, saying at the end what was last seen. */
public final class Await {

    private static final long PAUSE_MS = 100;

    private Await() {
    }

    /**
     * Reads a value; may fail (an exception, or an assertion of the probe) while the thing read is not ready: the
     * failure is kept for the message.
     */
    @FunctionalInterface
    public interface Probe<T> {
        T read() throws Exception;
    }

    /**
     * Reads {@code probe} until {@code done} holds for what it read, and returns that; fails after {@code bound} with
     * {@code what}, the last value read and the last failure.
     */
    public static <T> T until(String what, Duration bound, Probe<T> probe, Predicate<? super T> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        T last = null;
        Throwable failure = null;
        while (true) {
            try {
                last = probe.read();
                failure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception | AssertionError e) {
                failure = e;
            }
            if (System.nanoTime() - deadline > 0) {
                AssertionError error = new AssertionError("no " + what + " within " + bound.toSeconds()
                        + " s; last seen: " + last + (failure == null ? "" : "; last failure: " + failure));
                if (failure != null) {
                    error.initCause(failure);
                }
                throw error;
            }
            Thread.sleep(PAUSE_MS);
        }
    }
}
