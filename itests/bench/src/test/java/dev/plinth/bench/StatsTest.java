package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void medianOfOddAndEvenCountsInAnyOrder() {
        assertEquals(20, Stats.median(new long[] {30, 10, 20}));
        assertEquals(25, Stats.median(new long[] {40, 10, 30, 20}));
        assertEquals(7, Stats.median(new long[] {7}));
    }

    @Test
    void p95IsTheNearestRank() {
        long[] twenty = LongStream.rangeClosed(1, 20).map(i -> 21 - i).toArray();
        assertEquals(19, Stats.percentile(twenty, 95));
        assertEquals(10, Stats.percentile(twenty, 50));
        assertEquals(20, Stats.percentile(twenty, 100));
        assertEquals(1, Stats.percentile(twenty, 5));
        assertEquals(50, Stats.percentile(new long[] {10, 50, 20, 40, 30}, 95));
        assertEquals(95, Stats.percentile(LongStream.rangeClosed(1, 100).toArray(), 95));
    }

    @Test
    void minAndMaxLeaveTheInputAlone() {
        long[] values = {3, 1, 2};
        assertEquals(1, Stats.min(values));
        assertEquals(3, Stats.max(values));
        assertEquals(3, values[0]);
    }

    @Test
    void noValuesOrABadPercentileAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Stats.median(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[] {1}, 101));
    }
}
