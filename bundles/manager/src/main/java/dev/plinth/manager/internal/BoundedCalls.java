package dev.plinth.manager.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs calls into plugin code (activators, hooks) on worker threads with a time bound, so that a plugin that
 * hangs cannot hang the manager. A call that overruns is interrupted and reported; its thread is left to end
 * on its own.
 */
final class BoundedCalls implements AutoCloseable {

    /** A call that did not end within its bound. */
    static final class Overrun extends Exception {
        private static final long serialVersionUID = 1L;

        private final long boundMillis;

        Overrun(String what, long boundMillis) {
            super(what + " did not finish within " + boundMillis + " ms");
            this.boundMillis = boundMillis;
        }

        long boundMillis() {
            return boundMillis;
        }
    }

    private static final ThreadLocal<Boolean> WORKER = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private static final Duration GRACE = Duration.ofMillis(500);

    private final AtomicInteger threads = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(() -> {
            WORKER.set(Boolean.TRUE);
            task.run();
        }, "plinth-lifecycle-" + threads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    /** True on a thread that runs plugin code for the manager. */
    static boolean onWorker() {
        return WORKER.get();
    }

    <T> T call(String what, Duration bound, Callable<T> task) throws Exception {
        Future<T> future = workers.submit(task);
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            try {
                future.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // it was interrupted or is still stuck: either way it overran
            }
            throw new Overrun(what, bound.toMillis());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            throw new IllegalStateException(cause);
        }
    }

    void run(String what, Duration bound, ThrowingRunnable task) throws Exception {
        call(what, bound, () -> {
            task.run();
            return null;
        });
    }

    /** A task that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
