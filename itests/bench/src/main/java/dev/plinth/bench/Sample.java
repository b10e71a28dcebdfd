package dev.plinth.bench;

/**
 * One start: wall-clock time from spawning the process to its ready signal, to its answer (for Plinth a
 * REST request answered; -1 when the runtime has none), and its peak resident set size two seconds after
 * both.
 */
record Sample(long readyMillis, long answeredMillis, long peakRssKib) {
}
