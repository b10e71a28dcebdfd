package dev.plinth.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Which bundle an archive holds, by its manifest: the name of its {@code Bundle-SymbolicName} and its
 * {@code Bundle-Version} as written. Reads the manifest alone, within {@value #MAX_MANIFEST_BYTES} bytes however
 * far it inflates; checks nothing else of the archive.
 *
 * @param symbolicName the name before any {@code ;} of {@code Bundle-SymbolicName}, trimmed
 * @param version the {@code Bundle-Version} header, trimmed, or null when there is none
 */
public record BundleIdentity(String symbolicName, String version) {

    /** The largest manifest read. */
    public static final long MAX_MANIFEST_BYTES = 1 << 20;

    /**
     * The identity in the archive's manifest; null when the archive has no manifest or the manifest no symbolic
     * name.
     *
     * @throws IOException when the archive is not a readable zip or its manifest is too large or malformed
     */
    public static BundleIdentity of(Path archive) throws IOException {
        Attributes main = mainAttributes(archive);
        return main == null ? null : of(main);
    }

    /** The identity in the main attributes of a manifest; null when they have no symbolic name. */
    public static BundleIdentity of(Attributes main) {
        String name = symbolicName(main.getValue("Bundle-SymbolicName"));
        if (name == null) {
            return null;
        }
        String version = main.getValue("Bundle-Version");
        return new BundleIdentity(name, version == null ? null : version.trim());
    }

    /** The main attributes of the archive's manifest, or null when it has none. */
    public static Attributes mainAttributes(Path archive) throws IOException {
        try (ZipFile zip = new ZipFile(archive.toFile())) {
            ZipEntry entry = zip.getEntry(JarFile.MANIFEST_NAME);
            if (entry == null) {
                return null;
            }
            try (InputStream in = new BoundedInputStream(zip.getInputStream(entry), MAX_MANIFEST_BYTES,
                    "the manifest")) {
                return new Manifest(in).getMainAttributes();
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("its manifest cannot be read: " + e.getMessage(), e);
        }
    }

    /** The name of a {@code Bundle-SymbolicName} header: before the first {@code ;}, trimmed; null when empty. */
    public static String symbolicName(String header) {
        if (header == null) {
            return null;
        }
        int directives = header.indexOf(';');
        String name = (directives < 0 ? header : header.substring(0, directives)).trim();
        return name.isEmpty() ? null : name;
    }

    /** The version, {@code 0.0.0} when the manifest gives none. */
    public String versionOrZero() {
        return version == null || version.isEmpty() ? "0.0.0" : version;
    }
}
