package dev.plinth.bench;

/**
 * One start: wall-clock time from spawning the process to its ready signal, the time the runtime
 * reported itself (-1 when it does not), and its peak resident set size two seconds later.
 */
record Sample(long readyMillis, long reportedMillis, long peakRssKib) {
}
