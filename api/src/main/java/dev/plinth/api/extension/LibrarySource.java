package dev.plinth.api.extension;

import java.net.URI;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.resource.Requirement;

import dev.plinth.api.PluginException;

/**
 * Where the manager looks for libraries: when a plugin being installed or upgraded has a requirement that
 * nothing installed provides, the manager asks every registered source for archives that may provide it.
 * Plinth's own source reads the {@code libraries/} directory; catalogues register theirs.
 */
@ConsumerType
public interface LibrarySource {

    /**
     * Archives that provide a capability matching {@code requirement}, best first; empty when none.
     *
     * @throws Refused when a provider exists but cannot be delivered as promised (its checksum does not match)
     */
    List<URI> providers(Requirement requirement);

    /**
     * A provider was found but cannot be used safely. When no other source meets the requirement, the operation
     * fails with {@link #failure()} instead of "nothing provides it".
     */
    final class Refused extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final PluginException failure;

        public Refused(PluginException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }

        /** Why the provider was refused. */
        public PluginException failure() {
            return failure;
        }
    }
}
