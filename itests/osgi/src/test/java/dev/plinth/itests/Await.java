package dev.plinth.itests;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a bound; never a fixed sleep. */
public final class Await {

    private Await() {
    }

    /** Polls {@code probe} until it returns non-null, or fails after {@code bound} with {@code what}. */
    public static <T> T until(String what, Duration bound, Supplier<T> probe) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("not within " + bound.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }

    /** Polls until {@code condition} holds. */
    public static void until(String what, Duration bound, java.util.function.BooleanSupplier condition) {
        until(what, bound, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }
}
