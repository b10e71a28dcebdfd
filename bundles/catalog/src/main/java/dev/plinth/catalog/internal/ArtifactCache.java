package dev.plinth.catalog.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.common.AtomicFiles;
import dev.plinth.common.BoundedInputStream;
import dev.plinth.common.Sha256;

/**
 * The archives taken from catalogues, kept under their SHA-256 ({@code data/catalog/cache/<sha-256>.jar}). An
 * archive enters only when its SHA-256 is the one its index gives, and is checked again each time it is used.
 */
final class ArtifactCache {

    private final Path folder;
    private final Locations locations;
    private final long maxBytes;

    ArtifactCache(Path folder, Locations locations, long maxBytes) {
        this.folder = folder;
        this.locations = locations;
        this.maxBytes = maxBytes;
    }

    /**
     * The verified archive of {@code resource}, fetched when it is not cached: its SHA-256 is the index's, and it
     * holds the bundle the index says (its symbolic name and version).
     */
    Path fetch(IndexResource resource) throws PluginException {
        Path archive = verified(resource);
        ArchiveIdentity.check(archive, resource);
        return archive;
    }

    private Path verified(IndexResource resource) throws PluginException {
        Path cached = folder.resolve(resource.sha256() + ".jar");
        try {
            if (Files.isRegularFile(cached)) {
                if (Sha256.of(cached).equals(resource.sha256())) {
                    return cached;
                }
                Files.deleteIfExists(cached);
            }
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, "fetch-", ".tmp");
            try {
                String actual = download(resource, temp);
                if (!actual.equals(resource.sha256())) {
                    throw new PluginException(Code.CHECKSUM_MISMATCH, resource.label() + " from " + resource.catalog()
                            + " does not match its index: its SHA-256 is " + actual + ", the index says "
                            + resource.sha256() + "; nothing was installed");
                }
                AtomicFiles.force(temp);
                AtomicFiles.move(temp, cached);
                return cached;
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "cannot fetch " + resource.label() + " from "
                    + resource.location() + ": " + e.getMessage());
        }
    }

    private String download(IndexResource resource, Path temp) throws IOException {
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new DigestInputStream(new BoundedInputStream(locations.openArchive(resource.location()),
                maxBytes, resource.label()), digest); OutputStream out = Files.newOutputStream(temp)) {
            in.transferTo(out);
        }
        return Sha256.hex(digest);
    }
}
