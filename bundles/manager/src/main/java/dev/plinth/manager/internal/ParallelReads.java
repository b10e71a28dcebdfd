package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Reads several archives at once on threads of its own, one per read in hand up to a bound: a read mostly waits for
 * the disk (each copy is forced to it), so more reads than cores overlap those waits, which the common pool of a
 * small machine (one thread besides the caller's on two cores) does not.
 */
final class ParallelReads {

    /** The most reads in hand at once. */
    static final int THREADS = 8;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private ParallelReads() {
    }

    /**
     * The results of {@code read} on each item, in the items' order; {@code read} reports its failures in its result.
     * All reads finish before this returns (an interrupt is kept for the caller, never cuts a read short).
     */
    static <T, R> List<R> all(List<T> items, Function<T, R> read) {
        if (items.size() < 2) {
            return items.stream().map(read).toList();
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(THREADS, items.size()), runnable -> {
            Thread thread = new Thread(runnable, "plinth-read-" + pool + "-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(executor.submit(() -> read.apply(item)));
            }
            List<R> results = new ArrayList<>();
            boolean interrupted = false;
            for (Future<R> future : futures) {
                while (true) {
                    try {
                        results.add(future.get());
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof RuntimeException runtime) {
                            throw runtime;
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            return results;
        } finally {
            executor.shutdown();
        }
    }
}
