package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.BundleJar;

class BundleIdentityTest {

    @TempDir
    Path dir;

    @Test
    void theNameComesBeforeTheDirectivesAndTheVersionAsWritten() throws IOException {
        Path jar = jar("a.jar", "Bundle-SymbolicName: org.example.a ; singleton:=true\nBundle-Version:  1.2.3 \n");

        assertEquals(new BundleIdentity("org.example.a", "1.2.3"), BundleIdentity.of(jar));
    }

    @Test
    void aJarWithoutNameOrManifestHasNoIdentity() throws IOException {
        assertNull(BundleIdentity.of(jar("plain.jar", "Created-By: hand\n")));
        assertNull(BundleIdentity.of(jar("blank.jar", "Bundle-SymbolicName:  ;x:=y\n")));
        Path none = BundleJar.withoutManifest().entry("a.txt", new byte[0]).writeTo(dir.resolve("none.jar"));
        assertNull(BundleIdentity.of(none));
        assertEquals("0.0.0", new BundleIdentity("x", null).versionOrZero());
    }

    @Test
    void aManifestThatInflatesPastTheBoundIsRefused() throws IOException {
        Path bomb = BundleJar.withoutManifest().entry("META-INF/MANIFEST.MF", out -> {
            out.write("Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8));
            byte[] line = ("X: " + "a".repeat(60) + "\n").getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 32 * 1024; i++) {
                out.write(line);
            }
        }).writeTo(dir.resolve("bomb.jar"));
        IOException failure = assertThrows(IOException.class, () -> BundleIdentity.of(bomb));
        assertEquals("the manifest is larger than 1048576 bytes", failure.getMessage());
    }

    @Test
    void notAZipIsAnIoError() throws IOException {
        Path text = Files.writeString(dir.resolve("x.jar"), "not a zip");
        assertThrows(IOException.class, () -> BundleIdentity.of(text));
    }

    private Path jar(String name, String manifest) {
        return BundleJar.withoutManifest().entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n" + manifest)
                .writeTo(dir.resolve(name));
    }
}
