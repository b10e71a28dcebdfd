package dev.plinth.itests.reliability;

import java.util.concurrent.atomic.AtomicInteger;

/** What the suite exercised, for its closing summary: crash points, hostile inputs and operations. */
final class Figures {

    static final AtomicInteger CRASH_POINTS = new AtomicInteger();
    static final AtomicInteger INPUTS = new AtomicInteger();
    static final AtomicInteger OPERATIONS = new AtomicInteger();
    static final AtomicInteger ACCEPTED = new AtomicInteger();

    private Figures() {
    }

    static String line() {
        return "crash points exercised: " + CRASH_POINTS.get() + ", inputs tried: " + INPUTS.get()
                + ", operations run: " + OPERATIONS.get() + " (" + ACCEPTED.get() + " accepted)";
    }
}
