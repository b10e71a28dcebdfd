package dev.plinth.api;

import java.time.Instant;

/**
 * One entry of the operation history.
 *
 * @param sequence increasing number of the operation
 * @param time when it ended
 * @param verb what was asked
 * @param target the plugin id it was asked for
 * @param fromVersion the target's version before, or {@code null}
 * @param toVersion the target's version after, or {@code null}
 * @param outcome how it ended
 * @param message a one-line summary (the error message when it failed)
 * @param origin who asked
 */
public record Operation(long sequence, Instant time, Verb verb, String target, String fromVersion,
        String toVersion, Outcome outcome, String message, String origin) {

    /** How an operation ended. */
    public enum Outcome {
        /** Done and committed. */
        SUCCEEDED,
        /** Refused or failed; everything it changed was undone. */
        FAILED,
        /** Interrupted by a crash before its commit point; undone at the next start. */
        ROLLED_BACK,
        /** Interrupted by a crash after its commit point; finished at the next start. */
        COMPLETED;

        /** The lower-case name shown to operators, with {@code -} for {@code _}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }
}
