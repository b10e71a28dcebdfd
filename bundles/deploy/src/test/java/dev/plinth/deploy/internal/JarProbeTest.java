package dev.plinth.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.BundleJar;

class JarProbeTest {

    @TempDir
    Path directory;

    @Test
    void completeBundleJarIsABundleWithIdWithoutDirectivesAndVersion() throws IOException {
        Path file = Files.write(directory.resolve("greeter.jar"),
                DeployTestSupport.bundleJar("dev.example.greeter;singleton:=true", "1.2.3", "hello"));

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.BUNDLE, probe.kind());
        assertEquals("dev.example.greeter", probe.id());
        assertEquals("1.2.3", probe.version());
        assertEquals("", probe.problem());
        assertEquals(Files.size(file), probe.stamp().size());
        assertEquals(Files.getLastModifiedTime(file).toMillis(), probe.stamp().modified());
    }

    @Test
    void bundleWithoutVersionHasVersionZero() throws IOException {
        Path file = Files.write(directory.resolve("plain.jar"),
                DeployTestSupport.bundleJar(" dev.example.plain ; singleton:=true", null, "x"));

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.BUNDLE, probe.kind());
        assertEquals("dev.example.plain", probe.id());
        assertEquals("0.0.0", probe.version());
    }

    @Test
    void truncatedJarIsIncompleteAtEveryLength() throws IOException {
        byte[] complete = DeployTestSupport.bundleJar("dev.example.greeter", "1.0.0", "hello ".repeat(200));
        int[] lengths = {0, 1, 21, 22, complete.length / 2, complete.length - 22, complete.length - 1};
        for (int length : lengths) {
            Path file = Files.write(directory.resolve("cut-" + length + ".jar"), Arrays.copyOf(complete, length));

            JarProbe.Probe probe = JarProbe.probe(file);

            assertEquals(JarProbe.Kind.INCOMPLETE, probe.kind(), "truncated to " + length + " bytes");
            assertNull(probe.id(), "truncated to " + length + " bytes");
            assertFalse(probe.problem().isEmpty());
            assertEquals(length, probe.stamp().size());
        }
    }

    @Test
    void everyTruncationOfASmallJarIsIncomplete() throws IOException {
        byte[] complete = DeployTestSupport.bundleJar("dev.example.tiny", "1.0.0", "t");
        Path file = directory.resolve("tiny.jar");
        for (int length = 0; length < complete.length; length++) {
            Files.write(file, Arrays.copyOf(complete, length));
            assertEquals(JarProbe.Kind.INCOMPLETE, JarProbe.probe(file).kind(), "truncated to " + length + " bytes");
        }
        Files.write(file, complete);
        assertEquals(JarProbe.Kind.BUNDLE, JarProbe.probe(file).kind());
    }

    @Test
    void textFileIsIncomplete() throws IOException {
        Path file = Files.writeString(directory.resolve("notes.jar"),
                "this is not an archive, but it is longer than an end record\n".repeat(3));

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.INCOMPLETE, probe.kind());
        assertNull(probe.id());
    }

    @Test
    void zipWithoutManifestIsNotABundle() throws IOException {
        Path file = Files.write(directory.resolve("plain.jar"), DeployTestSupport.zipWithoutManifest());

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.NOT_A_BUNDLE, probe.kind());
        assertNull(probe.id());
        assertTrue(probe.problem().contains("MANIFEST.MF"), probe.problem());
    }

    @Test
    void completeZipWhoseManifestCannotBeParsedIsNotABundleAtOnce() throws IOException {
        Path file = BundleJar.withoutManifest().entry("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n"
                + "Bundle-SymbolicName: e.one\nImport-Package:\ne.p2\n\n").writeTo(directory.resolve("e1.jar"));

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.NOT_A_BUNDLE, probe.kind());
        assertTrue(probe.problem().startsWith("not a bundle: its manifest cannot be read: "), probe.problem());
    }

    @Test
    void jarWhoseManifestLacksBundleSymbolicNameIsNotABundle() throws IOException {
        Path file = Files.write(directory.resolve("library.jar"),
                DeployTestSupport.bundleJar(null, "1.0.0", "no symbolic name"));

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.NOT_A_BUNDLE, probe.kind());
        assertNull(probe.id());
        assertTrue(probe.problem().contains("Bundle-SymbolicName"), probe.problem());
    }

    @Test
    void symbolicNameWithOnlyDirectivesIsNotABundle() throws IOException {
        Path file = Files.write(directory.resolve("nameless.jar"),
                DeployTestSupport.bundleJar(" ;singleton:=true", "1.0.0", "no name"));

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.NOT_A_BUNDLE, probe.kind());
        assertNull(probe.id());
        assertTrue(probe.problem().contains("Bundle-SymbolicName"), probe.problem());
    }

    @Test
    void jarWithTrailingArchiveCommentIsComplete() throws IOException {
        BundleJar headers = BundleJar.plain().header("Bundle-SymbolicName", "dev.example.commented")
                .header("Bundle-Version", "2.0.0");
        byte[] bytes = DeployTestSupport.withPayload(headers, "payload")
                .comment("built by a tool that leaves a comment ".repeat(20)).toBytes();
        Path file = Files.write(directory.resolve("commented.jar"), bytes);

        JarProbe.Probe probe = JarProbe.probe(file);

        assertEquals(JarProbe.Kind.BUNDLE, probe.kind());
        assertEquals("dev.example.commented", probe.id());
        assertEquals("2.0.0", probe.version());

        Path cut = Files.write(directory.resolve("commented-cut.jar"), Arrays.copyOf(bytes, bytes.length - 1));
        assertEquals(JarProbe.Kind.INCOMPLETE, JarProbe.probe(cut).kind(), "comment cut short by one byte");
    }

    @Test
    void sha256IsTheFilesDigestInLowerCaseHex() throws Exception {
        Path abc = Files.writeString(directory.resolve("abc.txt"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", JarProbe.sha256(abc));

        Path empty = Files.write(directory.resolve("empty"), new byte[0]);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", JarProbe.sha256(empty));

        // larger than the probe's 64 KiB read buffer
        byte[] big = "0123456789abcdef".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(directory.resolve("big.jar"), big);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
        assertEquals(expected, JarProbe.sha256(file));
    }
}
