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
}
