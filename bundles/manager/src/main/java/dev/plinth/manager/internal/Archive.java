package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;

import org.osgi.framework.Version;

/**
 * A bundle archive that passed inspection: a temporary copy until it is stored or discarded, or an archive
 * already in the store.
 *
 * @param file the temporary copy
 * @param sha256 its sha-256, hex
 * @param id the symbolic name
 * @param version the bundle version
 * @param manifest the main manifest attributes
 * @param source where it came from, as the operator gave it
 * @param temporary true when {@code file} is a temporary copy, false when it is the store's own archive
 */
record Archive(Path file, String sha256, String id, Version version, Attributes manifest, String source,
        boolean temporary) {

    /** The same archive, recorded as coming from {@code label}. */
    Archive withSource(String label) {
        return new Archive(file, sha256, id, version, manifest, label, temporary);
    }

    List<Capabilities.Cap> capabilities() {
        return Capabilities.of(manifest);
    }

    List<Capabilities.Req> requirements() {
        return Capabilities.requirementsOf(manifest);
    }

    void discard() {
        if (!temporary) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file is removed at the next start.
        }
    }
}
