package dev.plinth.manager.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLConnection;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

import dev.plinth.common.BoundedInputStream;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.common.Sha256;

/**
 * Copies an archive from its source into the store's temporary folder, hashing it on the way, and checks
 * that it is a bundle: a readable zip with a manifest naming a symbolic name (by the OSGi grammar, since the
 * plugin id names folders) and a valid version.
 */
final class ArchiveReader {

    private static final long MAX_MANIFEST_BYTES = 1 << 20;
    private static final long BOMB_MIN_BYTES = 16L << 20;
    private static final long BOMB_RATIO = 200;
    private static final java.time.Duration NETWORK_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final Path tempDirectory;
    private final long maxBytes;

    ArchiveReader(Path tempDirectory, long maxBytes) {
        this.tempDirectory = tempDirectory;
        this.maxBytes = maxBytes;
    }

    Archive read(URI source) throws PluginException {
        Copy copy = copy(source);
        try {
            return inspect(copy.file(), source, copy.sha256(), true);
        } catch (PluginException | RuntimeException e) {
            delete(copy.file());
            throw e;
        }
    }

    /** The temporary copy of an archive and the sha-256 of the bytes written to it. */
    private record Copy(Path file, String sha256) {
    }

    /** Reads an archive already in the store (its sha-256 is the file name). */
    Archive readStored(Path artifact, String source) throws PluginException {
        return inspect(artifact, URI.create(source == null ? artifact.toUri().toString() : source), sha(artifact),
                false);
    }

    /** Copies the source into a temporary file forced to the disk, hashing the bytes as they are written. */
    private Copy copy(URI source) throws PluginException {
        Path temp;
        try {
            if (!Files.isDirectory(tempDirectory)) {
                Files.createDirectories(tempDirectory);
            }
            temp = Files.createTempFile(tempDirectory, "incoming-", ".jar");
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "cannot create a temporary file in " + tempDirectory + ": "
                    + e.getMessage());
        }
        MessageDigest digest = Sha256.digest();
        try (InputStream in = new BoundedInputStream(open(source), maxBytes, source.toString());
                FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), digest);
            in.transferTo(out);
            out.flush();
            channel.force(true);
            return new Copy(temp, Sha256.hex(digest));
        } catch (BoundedInputStream.TooLarge e) {
            delete(temp);
            throw new PluginException(Code.INVALID_ARCHIVE, source + " is larger than the limit of " + maxBytes
                    + " bytes (archive.max.bytes)");
        } catch (FileNotFoundException | NoSuchFileException e) {
            delete(temp);
            throw new PluginException(Code.NOT_FOUND, "no such file: " + display(source));
        } catch (IOException | IllegalArgumentException e) {
            delete(temp);
            throw new PluginException(Code.IO_ERROR, "cannot read " + display(source) + ": " + e.getMessage());
        }
    }

    private static InputStream open(URI source) throws IOException {
        if ("file".equals(source.getScheme())) {
            return Files.newInputStream(Path.of(source));
        }
        URLConnection connection = source.toURL().openConnection();
        connection.setConnectTimeout((int) NETWORK_TIMEOUT.toMillis());
        connection.setReadTimeout((int) NETWORK_TIMEOUT.toMillis());
        return connection.getInputStream();
    }

    private Archive inspect(Path file, URI source, String sha256, boolean temporary) throws PluginException {
        String name = display(source);
        Attributes manifest = manifest(file, name);
        String id = Capabilities.symbolicName(manifest);
        if (id == null || id.isBlank()) {
            throw invalid(name + " has no Bundle-SymbolicName: it is a plain jar, not an OSGi bundle");
        }
        if (!PluginIds.valid(id)) {
            throw invalid(name + " has an invalid Bundle-SymbolicName '" + id + "': " + PluginIds.RULE);
        }
        if (!"2".equals(String.valueOf(manifest.getValue(Constants.BUNDLE_MANIFESTVERSION)).trim())) {
            throw invalid(name + " is not an OSGi R4+ bundle (Bundle-ManifestVersion is not 2)");
        }
        Version version;
        try {
            version = Version.parseVersion(manifest.getValue(Constants.BUNDLE_VERSION));
        } catch (IllegalArgumentException e) {
            throw invalid(name + " has an invalid Bundle-Version '" + manifest.getValue(Constants.BUNDLE_VERSION)
                    + "': " + e.getMessage());
        }
        try {
            Capabilities.of(manifest);
            Capabilities.requirementsOf(manifest).forEach(CapabilityIndex::filter);
        } catch (IllegalArgumentException e) {
            throw invalid(name + " has an invalid manifest header: " + e.getMessage());
        }
        return new Archive(file, sha256, id, version, manifest, source.toString(), temporary);
    }

    private static Attributes manifest(Path file, String name) throws PluginException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry next = entries.nextElement();
                String entry = next.getName();
                if (entry.startsWith("/") || entry.contains("../") || entry.contains("..\\")) {
                    throw invalid(name + " has an entry with an unsafe path: " + entry);
                }
                if (inflatesTooFar(next)) {
                    throw invalid(name + " has an entry that inflates from " + next.getCompressedSize() + " to "
                            + next.getSize() + " bytes (" + entry + "): it looks like a compression bomb");
                }
            }
            ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
            if (entry == null) {
                throw invalid(name + " has no META-INF/MANIFEST.MF: it is not a bundle");
            }
            if (entry.getSize() > MAX_MANIFEST_BYTES) {
                throw invalid(name + " has a manifest larger than " + MAX_MANIFEST_BYTES + " bytes");
            }
            try (InputStream in = new BoundedInputStream(zip.getInputStream(entry), MAX_MANIFEST_BYTES,
                    "the manifest")) {
                return new Manifest(in).getMainAttributes();
            }
        } catch (ZipException e) {
            throw invalid(name + " is not a valid jar (" + e.getMessage() + ")");
        } catch (IOException | IllegalArgumentException e) {
            throw invalid(name + " cannot be read as a jar: " + e.getMessage());
        }
    }

    /**
     * True for an entry of more than {@value #BOMB_MIN_BYTES} bytes that inflates more than {@value #BOMB_RATIO}
     * times.
     */
    private static boolean inflatesTooFar(ZipEntry entry) {
        long size = entry.getSize();
        long compressed = entry.getCompressedSize();
        return size > BOMB_MIN_BYTES && compressed >= 0 && size > BOMB_RATIO * Math.max(1, compressed);
    }

    static String sha(Path file) throws PluginException {
        try {
            return Sha256.of(file);
        } catch (IOException e) {
            throw new PluginException(Code.IO_ERROR, "cannot read " + file + ": " + e.getMessage());
        }
    }

    static String display(URI source) {
        return "file".equals(source.getScheme()) ? Path.of(source).toString() : source.toString();
    }

    private static PluginException invalid(String message) {
        return new PluginException(Code.INVALID_ARCHIVE, message, List.of(), null);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // removed with the temporary folder at the next start
        }
    }
}
