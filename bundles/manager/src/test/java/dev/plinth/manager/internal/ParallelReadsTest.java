package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParallelReadsTest {

    @Test
    void resultsComeInTheItemsOrderWhateverOrderTheReadsEndIn() {
        List<Integer> items = IntStream.range(0, 100).boxed().toList();
        List<String> results = ParallelReads.all(items, item -> {
            sleepMillis(item % 7);
            return "read " + item;
        });
        assertEquals(items.stream().map(item -> "read " + item).toList(), results);
    }

    @Test
    void readsOverlapOnThreadsOfTheirOwn() throws InterruptedException {
        CountDownLatch together = new CountDownLatch(ParallelReads.THREADS);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Boolean> met = ParallelReads.all(IntStream.range(0, ParallelReads.THREADS).boxed().toList(), item -> {
            threads.add(Thread.currentThread().getName());
            together.countDown();
            try {
                return together.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return false;
            }
        });
        assertEquals(Collections.nCopies(ParallelReads.THREADS, true), met);
        assertEquals(ParallelReads.THREADS, threads.size());
        assertTrue(threads.stream().allMatch(name -> name.startsWith("plinth-read-")), threads.toString());
    }

    @Test
    void aSingleReadRunsOnTheCallersThread() {
        assertEquals(List.of(Thread.currentThread().getName()),
                ParallelReads.all(List.of("one"), item -> Thread.currentThread().getName()));
        assertEquals(List.of(), ParallelReads.all(List.<String>of(), item -> item));
    }

    @Test
    void anUnexpectedFailureOfAReadReachesTheCaller() {
        IllegalStateException failure = new IllegalStateException("broken");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> ParallelReads.all(List.of(1, 2, 3), item -> {
                    if (item == 2) {
                        throw failure;
                    }
                    return item;
                }));
        assertSame(failure, thrown);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
