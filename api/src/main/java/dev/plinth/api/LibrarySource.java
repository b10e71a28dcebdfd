package dev.plinth.api;

import java.net.URI;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.resource.Requirement;

/**
 * Where the manager looks for libraries: when a plugin being installed or upgraded has a requirement that
 * nothing installed provides, the manager asks every registered source for archives that may provide it.
 * Plinth's own source reads the {@code libraries/} directory; catalogues register theirs.
 */
@ConsumerType
public interface LibrarySource {

    /** Archives that provide a capability matching {@code requirement}, best first; empty when none. */
    List<URI> providers(Requirement requirement);
}
