package dev.plinth.deploy.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

import dev.plinth.common.BundleIdentity;
import dev.plinth.common.Sha256;

/**
 * Looks at a file of the deploy directory without trusting it: is it a complete jar yet (its zip directory
 * ends exactly where the file ends and can be read), and which bundle does it hold.
 */
final class JarProbe {

    private static final int END_RECORD = 22;
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int MAX_COMMENT = 0xFFFF;

    /** What a file turned out to be. */
    enum Kind {
        /** A complete jar with a bundle symbolic name. */
        BUNDLE,
        /** Not a complete zip archive (yet): maybe still being written. */
        INCOMPLETE,
        /** A complete zip archive that is not a bundle. */
        NOT_A_BUNDLE
    }

    /**
     * The probe's finding.
     *
     * @param kind what the file is
     * @param id the symbolic name, for a bundle
     * @param version the bundle version, for a bundle
     * @param problem why it is not a bundle, otherwise an empty string
     * @param stamp the file's size and modification time when it was looked at
     */
    record Probe(Kind kind, String id, String version, String problem, Stamp stamp) {
    }

    /** A file's size and modification time: when both are unchanged, so is the file. */
    record Stamp(long size, long modified) {

        static Stamp of(Path file) throws IOException {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.size(), attributes.lastModifiedTime().toMillis());
        }
    }

    private JarProbe() {
    }

    static Probe probe(Path file) throws IOException {
        Stamp stamp = Stamp.of(file);
        if (!endsWithZipDirectory(file, stamp.size())) {
            return new Probe(Kind.INCOMPLETE, null, null, "not a complete jar (zip) archive", stamp);
        }
        Attributes main;
        try {
            main = BundleIdentity.mainAttributes(file);
        } catch (IOException e) {
            if (opensAsZip(file)) {
                return new Probe(Kind.NOT_A_BUNDLE, null, null, "not a bundle: its manifest cannot be read: "
                        + e.getMessage(), stamp);
            }
            return new Probe(Kind.INCOMPLETE, null, null, "not a readable jar (zip) archive: " + e.getMessage(),
                    stamp);
        }
        if (main == null) {
            return new Probe(Kind.NOT_A_BUNDLE, null, null, "not a bundle: it has no " + JarFile.MANIFEST_NAME,
                    stamp);
        }
        String symbolicName = main.getValue("Bundle-SymbolicName");
        if (symbolicName == null || symbolicName.isBlank()) {
            return new Probe(Kind.NOT_A_BUNDLE, null, null, "not a bundle: its manifest has no Bundle-SymbolicName",
                    stamp);
        }
        BundleIdentity identity = BundleIdentity.of(main);
        if (identity == null) {
            return new Probe(Kind.NOT_A_BUNDLE, null, null,
                    "not a bundle: its Bundle-SymbolicName has no name before the ';'", stamp);
        }
        return new Probe(Kind.BUNDLE, identity.symbolicName(), identity.versionOrZero(), "", stamp);
    }

    /** True when the file opens as a zip archive (its directory can be read), whatever its entries hold. */
    private static boolean opensAsZip(Path file) {
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            return zip.size() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when the zip's end record sits at the very end of the file (a partly written file has none there). */
    static boolean endsWithZipDirectory(Path file, long size) throws IOException {
        if (size < END_RECORD) {
            return false;
        }
        int tail = (int) Math.min(size, END_RECORD + MAX_COMMENT);
        ByteBuffer buffer = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = size - tail;
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + buffer.position()) < 0) {
                    return false;
                }
            }
        }
        for (int at = tail - END_RECORD; at >= 0; at--) {
            if (buffer.getInt(at) == END_SIGNATURE) {
                int commentLength = Short.toUnsignedInt(buffer.getShort(at + 20));
                if (at + END_RECORD + commentLength == tail) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The file's sha-256, hex. */
    static String sha256(Path file) throws IOException {
        return Sha256.of(file);
    }
}
