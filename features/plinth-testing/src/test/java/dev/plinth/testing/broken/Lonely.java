package dev.plinth.testing.broken;

/** A Declarative Services component that needs what the runtime lacks (a service, a configuration). */
public class Lonely implements Runnable {

    @Override
    public void run() {
    }
}
