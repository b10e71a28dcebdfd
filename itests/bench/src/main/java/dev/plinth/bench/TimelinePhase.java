package dev.plinth.bench;

/**
 * One phase of a startup timeline: when it ended, in ms from the process being spawned (one value per run),
 * and how long it took after the phase before it (the difference of the medians).
 */
record TimelinePhase(String phase, Figure at, double took) {
}
