package dev.plinth.fleet.internal;

/** Where the fleet's messages go (the bundle's OSGi log); never given a password. */
interface FleetLog {

    void info(String message);

    void warn(String message);

    /** Something an operator must fix; by default a warning. */
    default void error(String message) {
        warn(message);
    }
}
