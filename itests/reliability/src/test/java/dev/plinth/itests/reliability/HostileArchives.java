package dev.plinth.itests.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import dev.plinth.common.testing.BundleJar;

/** Broken and malicious archives, made on the spot in a folder. */
final class HostileArchives {

    private final Path folder;

    HostileArchives(Path folder) {
        this.folder = folder;
    }

    Path zeroBytes() throws IOException {
        return Files.write(folder.resolve("zero-bytes.jar"), new byte[0]);
    }

    Path truncated(Path jar) throws IOException {
        byte[] content = Files.readAllBytes(jar);
        return Files.write(folder.resolve("truncated.jar"), Arrays.copyOf(content, content.length / 2));
    }

    Path plainZip() {
        return BundleJar.withoutManifest().entry("notes.txt", "just some notes").writeTo(folder.resolve("plain.jar"));
    }

    Path htmlPage() throws IOException {
        return Files.writeString(folder.resolve("download.jar"), "<!DOCTYPE html>\n<html><head><title>404 Not "
                + "Found</title></head><body><h1>Not Found</h1></body></html>\n");
    }

    /** A jar with classes under META-INF/ and elsewhere, but no manifest. */
    Path noManifest() {
        return BundleJar.withoutManifest().entry("META-INF/", new byte[0])
                .entry("org/example/Thing.class", new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE })
                .writeTo(folder.resolve("no-manifest.jar"));
    }

    /** A jar whose manifest names no bundle: a plain library jar. */
    Path notABundle() {
        return jar("not-a-bundle.jar", BundleJar.plain().header("Implementation-Title", "a plain library"));
    }

    Path invalidVersion() {
        return jar("invalid-version.jar", BundleJar.bundle("org.example.badversion", "1.zero.0"));
    }

    /**
     * Bundles whose symbolic names the OSGi grammar refuses, most of them paths: each a file of its own, by name.
     */
    java.util.Map<String, Path> oddSymbolicNames(Path victim) {
        java.util.Map<String, Path> jars = new java.util.LinkedHashMap<>();
        List<String> names = List.of(victim.toString(), "../rest", "a/b", "..", ".", "a\\b", "..\\rest",
                "C:\\Windows", "a:b", "a..b", ".hidden", "trailing.", "a b", "~", "*");
        for (int i = 0; i < names.size(); i++) {
            jars.put(names.get(i), jar("odd-name-" + i + ".jar", BundleJar.bundle(names.get(i), "1.0.0")));
        }
        return jars;
    }

    Path unsafeEntry() {
        return jar("unsafe-entry.jar", BundleJar.bundle("org.example.unsafe", "1.0.0").entry("../../etc/evil.sh",
                new byte[4]));
    }

    /** A manifest of several megabytes: one header after another. */
    Path hugeManifest() {
        BundleJar jar = BundleJar.bundle("org.example.hugemanifest", "1.0.0");
        for (int i = 0; i < 40_000; i++) {
            jar.header("X-Padding-" + i, "x".repeat(60));
        }
        return jar("huge-manifest.jar", jar);
    }

    /** A bundle larger than {@code limit} bytes: one stored entry of random bytes. */
    Path larger(long limit) {
        byte[] content = new byte[(int) limit + 1024];
        new Random(8).nextBytes(content);
        return jar("too-large.jar", BundleJar.bundle("org.example.toolarge", "1.0.0").entry("blob.bin", content));
    }

    /** A valid bundle manifest beside an entry of zeros that inflates to {@code inflated} bytes. */
    Path compressionBomb(long inflated) {
        return jar("bomb.jar", BundleJar.bundle("org.example.bomb", "1.0.0").compressionLevel(9)
                .entry("zeros.bin", BundleJar.zeros(inflated)));
    }

    /** A manifest that inflates to {@code inflated} bytes: a header continued line after line. */
    Path manifestBomb(long inflated) {
        return jar("manifest-bomb.jar", BundleJar.withoutManifest().compressionLevel(9).entry("META-INF/MANIFEST.MF",
                out -> {
                    out.write(("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-SymbolicName: "
                            + "org.example.mbomb\r\nBundle-Version: 1.0.0\r\nX-Bomb: a")
                            .getBytes(StandardCharsets.US_ASCII));
                    byte[] line = ("\r\n " + "a".repeat(68)).getBytes(StandardCharsets.US_ASCII);
                    for (long written = 0; written < inflated; written += line.length) {
                        out.write(line);
                    }
                    out.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }));
    }

    /**
     * Two bundles each importing the package the other exports: the second is put in {@code libraries}, the first
     * returned.
     */
    Path cycle(Path libraries) throws IOException {
        Path library = jar("cycle-b.jar", BundleJar.bundle("org.example.cycle.b", "1.0.0")
                .exports("org.example.cycle.b;version=1.0.0").imports("org.example.cycle.a;version=\"[1,2)\"")
                .entry("org/example/cycle/b/B.txt", new byte[1]));
        Files.copy(library, libraries.resolve("org.example.cycle.b.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return jar("cycle-a.jar", BundleJar.bundle("org.example.cycle.a", "1.0.0")
                .exports("org.example.cycle.a;version=1.0.0").imports("org.example.cycle.b;version=\"[1,2)\"")
                .entry("org/example/cycle/a/A.txt", new byte[1]));
    }

    /** A bundle that imports a package nobody has, through a chain of requirements on bundles nobody has. */
    Path unresolvable() {
        return jar("unresolvable.jar", BundleJar.bundle("org.example.unresolvable", "1.0.0")
                .imports("org.example.nowhere;version=\"[3,4)\"").header("Require-Bundle", "org.example.absent"));
    }

    private Path jar(String name, BundleJar jar) {
        return jar.writeTo(folder.resolve(name));
    }
}
