package dev.plinth.sample.unresolvable;

/**
 * A class so that the bundle is not empty. The bundle never resolves: its manifest imports
 * {@code dev.plinth.sample.missing}, which no bundle exports (see bnd.bnd).
 */
public final class Unresolvable {

    /** What this bundle would say if it ever resolved. */
    public static final String MESSAGE = "this bundle should never resolve";

    private Unresolvable() {
    }
}
