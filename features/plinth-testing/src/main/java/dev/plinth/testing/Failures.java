package dev.plinth.testing;

import org.opentest4j.AssertionFailedError;

/** Adds a note to a test's failure (the kept log, the plugin's component failures) without losing what it says. */
final class Failures {

    private Failures() {
    }

    /** The failure with {@code note} appended to its message: the same type when it is an assertion's. */
    static Throwable withNote(Throwable failure, String note) {
        if (failure instanceof AssertionFailedError assertion) {
            return withNote(assertion, note);
        }
        failure.addSuppressed(new AssertionFailedError(note.strip()));
        return failure;
    }

    /** An {@link AssertionFailedError} like {@code failure}, its message followed by {@code note}. */
    static AssertionFailedError withNote(AssertionFailedError failure, String note) {
        String message = failure.getMessage() + note;
        AssertionFailedError noted = failure.isExpectedDefined() && failure.isActualDefined()
                ? new AssertionFailedError(message, failure.getExpected().getValue(), failure.getActual().getValue(),
                        failure.getCause())
                : new AssertionFailedError(message, failure.getCause());
        noted.setStackTrace(failure.getStackTrace());
        for (Throwable suppressed : failure.getSuppressed()) {
            noted.addSuppressed(suppressed);
        }
        return noted;
    }
}
