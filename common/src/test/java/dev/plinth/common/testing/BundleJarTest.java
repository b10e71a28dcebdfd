package dev.plinth.common.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.BundleIdentity;

class BundleJarTest {

    @TempDir
    Path dir;

    @Test
    void aBundleCarriesItsHeadersInOrderAndItsEntries() throws IOException {
        Path jar = BundleJar.bundle("org.example.app", "1.2.3")
                .imports("org.osgi.framework").exports("org.example.app.api;version=1.0")
                .fragmentHost("org.example.host").requireCapability("osgi.ee;filter:=\"(osgi.ee=JavaSE)\"")
                .provideCapability("custom.ns;custom.ns=thing").header("X-Mark", "one")
                .entry("content/a.txt", "hello").entry("content/b.bin", new byte[] {1, 2, 3})
                .writeInto(dir.resolve("jars"));

        assertEquals(dir.resolve("jars/org.example.app-1.2.3.jar"), jar);
        try (JarFile file = new JarFile(jar.toFile())) {
            Attributes main = file.getManifest().getMainAttributes();
            assertEquals(List.of("Manifest-Version", "Bundle-ManifestVersion", "Bundle-SymbolicName", "Bundle-Version",
                    "Import-Package", "Export-Package", "Fragment-Host", "Require-Capability", "Provide-Capability",
                    "X-Mark"), main.keySet().stream().map(Object::toString).toList());
            assertEquals("org.example.app", main.getValue("Bundle-SymbolicName"));
            assertEquals("osgi.ee;filter:=\"(osgi.ee=JavaSE)\"", main.getValue("Require-Capability"));
            assertEquals("hello", new String(file.getInputStream(file.getEntry("content/a.txt")).readAllBytes(),
                    StandardCharsets.UTF_8));
            assertArrayEquals(new byte[] {1, 2, 3}, file.getInputStream(file.getEntry("content/b.bin")).readAllBytes());
        }
        assertEquals(new BundleIdentity("org.example.app", "1.2.3"), BundleIdentity.of(jar));
    }

    @Test
    void theManifestComesFirstAndTheBytesMatchTheFile() throws IOException {
        BundleJar builder = BundleJar.bundle("org.example.bytes", "1.0.0").entry("a.txt", "a");
        byte[] bytes = builder.toBytes();

        assertArrayEquals(bytes, Files.readAllBytes(builder.writeTo(dir.resolve("deep/folder/x.jar"))));
        assertEquals(List.of("META-INF/MANIFEST.MF", "a.txt"), names(bytes));
    }

    @Test
    void anActivatorIsNamedAndItsClassCopiedFromTheClassPath() throws IOException {
        Path jar = BundleJar.bundle("org.example.active", "1.0.0").activator(BundleJarTest.class)
                .classOf(BundleIdentity.class).writeTo(dir.resolve("active.jar"));

        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(BundleJarTest.class.getName(),
                    file.getManifest().getMainAttributes().getValue("Bundle-Activator"));
            byte[] copied = file.getInputStream(file.getEntry("dev/plinth/common/testing/BundleJarTest.class"))
                    .readAllBytes();
            try (var original = BundleJarTest.class.getResourceAsStream("BundleJarTest.class")) {
                assertArrayEquals(original.readAllBytes(), copied);
            }
            assertEquals(List.of("META-INF/MANIFEST.MF", "dev/plinth/common/testing/BundleJarTest.class",
                    "dev/plinth/common/BundleIdentity.class"), file.stream().map(ZipEntry::getName).toList());
        }
    }

    @Test
    void aClassIsCopiedFromAnotherJar() throws IOException {
        Path source = BundleJar.plain().classOf(BundleJar.class).writeTo(dir.resolve("source.jar"));

        Path jar = BundleJar.bundle("org.example.copy", "1.0.0").classFrom(source, BundleJar.class.getName())
                .writeTo(dir.resolve("copy.jar"));

        try (ZipFile file = new ZipFile(jar.toFile());
                var original = BundleJar.class.getResourceAsStream("BundleJar.class")) {
            assertArrayEquals(original.readAllBytes(),
                    file.getInputStream(file.getEntry("dev/plinth/common/testing/BundleJar.class")).readAllBytes());
        }
        assertThrows(IllegalArgumentException.class, () -> BundleJar.plain().classFrom(source, "org.example.Absent"));
        assertThrows(IllegalArgumentException.class,
                () -> BundleJar.plain().classNamed("org.example.Absent", BundleJar.class.getClassLoader()));
    }

    @Test
    void aPlainJarHasOnlyTheManifestVersionAndHeadersCanBeDropped() throws IOException {
        Path plain = BundleJar.plain().header("Main-Class", "org.example.Main").writeTo(dir.resolve("plain.jar"));
        Path unversioned = BundleJar.bundle("org.example.nov", "1.0.0").withoutHeader("Bundle-Version")
                .writeTo(dir.resolve("nov.jar"));

        try (JarFile file = new JarFile(plain.toFile())) {
            assertEquals(List.of("Manifest-Version", "Main-Class"),
                    file.getManifest().getMainAttributes().keySet().stream().map(Object::toString).toList());
        }
        assertNull(BundleIdentity.of(plain));
        assertEquals(new BundleIdentity("org.example.nov", null), BundleIdentity.of(unversioned));
    }

    @Test
    void aZipWithoutManifestHoldsOnlyItsEntriesAndRefusesHeaders() throws IOException {
        byte[] bytes = BundleJar.withoutManifest().entry("META-INF/", new byte[0]).entry("notes.txt", "notes")
                .toBytes();

        assertEquals(List.of("META-INF/", "notes.txt"), names(bytes));
        assertThrows(IllegalStateException.class, () -> BundleJar.withoutManifest().header("X", "y"));
        assertThrows(IllegalStateException.class, () -> BundleJar.withoutManifest().writeInto(dir));
        assertThrows(IllegalArgumentException.class, () -> BundleJar.plain().headers("odd"));
    }

    @Test
    void aHandWrittenManifestIsWrittenAsGiven() throws IOException {
        String manifest = "Manifest-Version: 1.0\r\nBundle-SymbolicName: org.example.raw\r\n\r\n";
        Path jar = BundleJar.withoutManifest().entry("META-INF/MANIFEST.MF", manifest)
                .writeTo(dir.resolve("raw.jar"));

        try (ZipFile file = new ZipFile(jar.toFile())) {
            assertEquals(manifest, new String(file.getInputStream(file.getEntry("META-INF/MANIFEST.MF"))
                    .readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void zerosAreStreamedAtTheLevelAskedAndTheCommentEndsTheArchive() throws IOException {
        long size = (3L << 20) + 17;
        Path bomb = BundleJar.bundle("org.example.bomb", "1.0.0").compressionLevel(9)
                .entry("zeros.bin", BundleJar.zeros(size)).comment("made by a test").writeTo(dir.resolve("bomb.jar"));

        try (ZipFile file = new ZipFile(bomb.toFile())) {
            ZipEntry zeros = file.getEntry("zeros.bin");
            assertEquals(size, zeros.getSize());
            assertTrue(zeros.getCompressedSize() < size / 100, "compressed to " + zeros.getCompressedSize());
            assertEquals("made by a test", file.getComment());
        }
    }

    private static List<String> names(byte[] jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }
}
