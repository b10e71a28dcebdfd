package dev.plinth.maven.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarCheckTest {

    @TempDir
    Path dir;

    @Test
    void aCompleteBundleGivesItsNameAndVersion() throws IOException {
        Path jar = Jars.bundle(dir.resolve("a.jar"), "com.example.a;singleton:=true", "1.0.0.20261205");
        assertEquals(new JarCheck.Bundle("com.example.a", "1.0.0.20261205"), JarCheck.bundle(jar));
    }

    @Test
    void everyCutOfAJarIsIncomplete() throws IOException {
        byte[] whole = Files.readAllBytes(Jars.bundle(dir.resolve("a.jar"), "a", "1.0.0"));
        Path part = dir.resolve("part.jar");
        for (int length = 0; length < whole.length; length++) {
            Files.write(part, Arrays.copyOf(whole, length));
            assertFalse(JarCheck.directoryEndsAtFileEnd(part), "a jar cut at " + length + " of " + whole.length);
            IOException refused = assertThrows(IOException.class, () -> JarCheck.bundle(part));
            assertTrue(refused.getMessage().contains("not a complete jar"), refused.getMessage());
        }
    }

    @Test
    void aJarWithBytesAfterItsDirectoryIsIncomplete() throws IOException {
        Path jar = Jars.bundle(dir.resolve("a.jar"), "a", "1.0.0");
        Files.write(jar, new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        assertFalse(JarCheck.directoryEndsAtFileEnd(jar));
    }

    @Test
    void aJarWithoutBundleManifestIsRefusedSaySo() throws IOException {
        Path jar = Jars.bundle(dir.resolve("plain.jar"), null, null);
        IOException refused = assertThrows(IOException.class, () -> JarCheck.bundle(jar));
        assertEquals("plain.jar is not a bundle: its manifest has no Bundle-SymbolicName", refused.getMessage());
    }

    @Test
    void aFolderOrMissingFileIsNoJar() {
        assertThrows(IOException.class, () -> JarCheck.bundle(dir));
        assertThrows(IOException.class, () -> JarCheck.bundle(dir.resolve("missing.jar")));
    }
}
