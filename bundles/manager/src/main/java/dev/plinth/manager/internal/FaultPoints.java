package dev.plinth.manager.internal;

import dev.plinth.api.Verb;

/**
 * The manager's fault points (see {@link dev.plinth.common.FaultPoints}); the steps several verbs share are named
 * {@code <verb>.<step>}.
 */
final class FaultPoints {

    private FaultPoints() {
    }

    static void reach(String point) {
        dev.plinth.common.FaultPoints.reach(point);
    }

    /** Halts the JVM when {@code <verb>.<step>} is the armed point. */
    static void reach(Verb verb, String step) {
        dev.plinth.common.FaultPoints.reach(name(verb, step));
    }

    static String name(Verb verb, String step) {
        return verb.label() + "." + step;
    }
}
