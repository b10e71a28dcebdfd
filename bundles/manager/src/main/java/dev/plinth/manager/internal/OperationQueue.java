package dev.plinth.manager.internal;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

/** The one queue every operation goes through, run by one thread: operations never overlap. */
final class OperationQueue implements AutoCloseable {

    /**
     * The stack of the operations' thread. Felix's resolver recurses once per level of a dependency chain, so a
     * batch of a 2000-bundle chain overflowed the JVM's default of 1 MiB; this is address space, and only the part
     * used is ever resident.
     */
    static final long STACK_BYTES = 256L * 1024 * 1024;

    /** Work that may fail with a {@link PluginException}. */
    @FunctionalInterface
    interface Work<T> {
        T run() throws PluginException;
    }

    private final ThreadPoolExecutor executor;
    private volatile Thread thread;

    OperationQueue(int capacity) {
        executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(capacity),
                task -> {
                    Thread created = new Thread(null, task, "plinth-manager", STACK_BYTES);
                    created.setDaemon(true);
                    thread = created;
                    return created;
                });
    }

    /** Runs {@code work} on the queue and waits for its result. */
    <T> T call(Work<T> work) throws PluginException {
        if (Thread.currentThread() == thread || BoundedCalls.onWorker()) {
            throw new PluginException(Code.BUSY, "the plugin manager cannot be called from inside one of its own "
                    + "operations (a plugin's activator or lifecycle hook)");
        }
        Future<T> future;
        try {
            future = executor.submit((Callable<T>) work::run);
        } catch (RejectedExecutionException e) {
            throw new PluginException(Code.BUSY, executor.isShutdown() ? "the plugin manager is stopping"
                    : "the plugin manager has " + executor.getQueue().size() + " operations waiting; try again later");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException(Code.BUSY, "interrupted while waiting for the plugin manager");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PluginException failure) {
                throw failure;
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Queues {@code task} without waiting; false when the queue does not take it. */
    boolean post(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Lets the queued tasks end within {@code bound}, then interrupts them; whether they all ended in time. */
    boolean close(Duration bound) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
