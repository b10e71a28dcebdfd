package dev.plinth.api;

import java.time.Instant;

/**
 * What the deploy directory did with one file.
 *
 * @param file the file name, relative to the deploy directory
 * @param status where the file stands
 * @param id the plugin id the file holds, or {@code null} when it is not known
 * @param version the plugin version the file holds, or {@code null} when it is not known
 * @param code the {@link PluginException.Code} of the last failure, or {@code null}
 * @param message what happened last, in words (the manager's message for a failure), or an empty string
 * @param since when the file reached this status
 */
public record DeployedFile(String file, Status status, String id, String version, String code, String message,
        Instant since) {

    /** Where a file stands. */
    public enum Status {
        /** Its plugin is installed from it. */
        DEPLOYED,
        /** It is not a complete archive yet (still being written); it is looked at again when it changes. */
        WAITING,
        /** It cannot be used, or its plugin could not be removed; retried when the file (or what it needs) changes. */
        FAILED,
        /** Its plugin was removed with another tool; the file is left alone until it changes. */
        DETACHED;

        /** The lower-case name shown to operators. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
