package dev.plinth.testing.broken;

/** A Declarative Services component whose activation fails, for the component checks' tests. */
public class BrokenGreeter implements Runnable {

    /** SCR's activate method: always throws. */
    public void activate() {
        throw new IllegalStateException("greeter broken on purpose");
    }

    @Override
    public void run() {
    }
}
