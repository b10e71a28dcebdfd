package dev.plinth.manager.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small archives and manifests for the tests. */
final class TestJars {

    private TestJars() {
    }

    /** Main manifest attributes from alternating names and values. */
    static Attributes attributes(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        Attributes attributes = new Attributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            attributes.putValue(namesAndValues[i], namesAndValues[i + 1]);
        }
        return attributes;
    }

    /** The attributes of a bundle with this id and version, plus the extra headers given. */
    static Attributes bundleAttributes(String id, String version, String... moreNamesAndValues) {
        String[] all = new String[6 + moreNamesAndValues.length];
        all[0] = "Bundle-ManifestVersion";
        all[1] = "2";
        all[2] = "Bundle-SymbolicName";
        all[3] = id;
        all[4] = "Bundle-Version";
        all[5] = version;
        System.arraycopy(moreNamesAndValues, 0, all, 6, moreNamesAndValues.length);
        return attributes(all);
    }

    /** A bundle jar at {@code file} with a class-like entry besides its manifest. */
    static Path bundle(Path file, String id, String version, String... moreNamesAndValues) throws IOException {
        return jar(file, bundleAttributes(id, version, moreNamesAndValues), "content/" + id + ".txt");
    }

    /** A jar with this main manifest and the named entries (each holding its own name). */
    static Path jar(Path file, Attributes mainAttributes, String... entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putAll(mainAttributes);
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (String entry : entries) {
                jar.putNextEntry(new JarEntry(entry));
                jar.write(entry.getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        return file;
    }

    /** A zip with the named entries and no manifest. */
    static Path zip(Path file, String... entries) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(entry.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
