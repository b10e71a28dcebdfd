package dev.plinth.common;

/**
 * Named steps at which a test can make the JVM die abruptly, to prove that a crash at that step loses nothing.
 * Off unless the system property {@value #PROPERTY} names a point; then reaching that point halts the JVM with
 * exit status {@value #HALT_STATUS}, as a power cut or {@code kill -9} would: no shutdown hooks, no finally
 * blocks, nothing flushed. The property is read once; when it is unset every check is one comparison.
 */
public final class FaultPoints {

    /** The system property naming the point at which to halt. */
    public static final String PROPERTY = "plinth.fault";

    /** The exit status of a JVM halted at a fault point. */
    public static final int HALT_STATUS = 113;

    private static final String ARMED = System.getProperty(PROPERTY);

    private FaultPoints() {
    }

    /** Halts the JVM when {@code point} is the armed point. */
    public static void reach(String point) {
        if (ARMED != null && ARMED.equals(point)) {
            Runtime.getRuntime().halt(HALT_STATUS);
        }
    }
}
