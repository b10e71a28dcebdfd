package dev.plinth.bench;

import java.util.Arrays;

/** Order statistics of a set of figures. */
final class Stats {

    private Stats() {
    }

    /** The middle value; for an even count, the mean of the two middle values (rounded down). */
    static long median(long[] values) {
        long[] sorted = sorted(values);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * The nearest-rank percentile: the smallest value that at least {@code percent} % of the values do
     * not exceed. With 20 values p95 is the 19th smallest; with 5 values it is the largest.
     */
    static long percentile(long[] values, double percent) {
        if (percent <= 0 || percent > 100) {
            throw new IllegalArgumentException("percentile out of (0, 100]: " + percent);
        }
        long[] sorted = sorted(values);
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    static long min(long[] values) {
        return sorted(values)[0];
    }

    static long max(long[] values) {
        long[] sorted = sorted(values);
        return sorted[sorted.length - 1];
    }

    private static long[] sorted(long[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted;
    }
}
