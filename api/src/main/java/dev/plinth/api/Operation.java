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
 * @param origin who asked: a channel, or {@code channel:who} ({@code rest:admin}, {@code console:ops},
 *        {@code shell:ada}, {@code deploy}, {@code api})
 */
public record Operation(long sequence, Instant time, Verb verb, String target, String fromVersion,
        String toVersion, Outcome outcome, String message, String origin) {

    /**
     * The way the request came in: the part of {@link #origin()} before the first {@code :}, or all of it
     * ({@code rest}, {@code console}, {@code shell}, {@code deploy}, {@code api}); {@code null} when there is no origin.
     *
     * @since 1.3
     */
    public String channel() {
        if (origin == null) {
            return null;
        }
        int colon = origin.indexOf(':');
        return colon < 0 ? origin : origin.substring(0, colon);
    }

    /**
     * Who asked: the part of {@link #origin()} after the first {@code :} (a token's name, an operating-system user),
     * or the channel itself when there is none ({@code deploy}); {@code null} when there is no origin.
     *
     * @since 1.3
     */
    public String by() {
        if (origin == null) {
            return null;
        }
        int colon = origin.indexOf(':');
        return colon < 0 ? origin : origin.substring(colon + 1);
    }

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
