package dev.plinth.api.extension;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.plinth.api.Options;

/** What an {@link OperationParticipant} may know of an operation beyond its plan. */
@ProviderType
public interface OperationContext {

    /** How the operator asked for the operation: {@code force}, {@code keepData}, {@code origin}, ... */
    Options options();

    /**
     * The archive the operation installs or updates a bundle to, to read (never to keep: it may be a staged copy
     * that goes when the operation ends).
     *
     * @param id a bundle id of the plan's {@code install}, {@code add-library} or {@code update} steps
     * @return the archive, empty for any other id
     */
    Optional<Path> archive(String id);

    /**
     * Adds words to the plan the operator is shown (dry run and real run): to the reason of the steps that install
     * or update {@code id}, such as a warning of what the operation will leave (a plugin upgraded by force that will
     * run misconfigured). Never a secret's value. Ignored by a manager that shows no such words.
     *
     * @param id a bundle id of the plan
     * @param words one line
     */
    default void note(String id, String words) {
    }
}
