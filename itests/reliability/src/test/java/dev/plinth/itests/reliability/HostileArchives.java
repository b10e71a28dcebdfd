package dev.plinth.itests.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import dev.plinth.itests.blackbox.TestBundles;

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

    Path plainZip() throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(folder.resolve("plain.jar")))) {
            zip.putNextEntry(new ZipEntry("notes.txt"));
            zip.write("just some notes".getBytes(StandardCharsets.UTF_8));
        }
        return folder.resolve("plain.jar");
    }

    Path htmlPage() throws IOException {
        return Files.writeString(folder.resolve("download.jar"), "<!DOCTYPE html>\n<html><head><title>404 Not "
                + "Found</title></head><body><h1>Not Found</h1></body></html>\n");
    }

    /** A jar with classes under META-INF/ and elsewhere, but no manifest. */
    Path noManifest() throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(folder.resolve("no-manifest.jar")))) {
            zip.putNextEntry(new ZipEntry("META-INF/"));
            zip.putNextEntry(new ZipEntry("org/example/Thing.class"));
            zip.write(new byte[] { (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE });
        }
        return folder.resolve("no-manifest.jar");
    }

    /** A jar whose manifest names no bundle: a plain library jar. */
    Path notABundle() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Implementation-Title", "a plain library");
        return jar("not-a-bundle.jar", manifest);
    }

    Path invalidVersion() throws IOException {
        return jar("invalid-version.jar", TestBundles.manifest("org.example.badversion", "1.zero.0"));
    }

    /**
     * Bundles whose symbolic names the OSGi grammar refuses, most of them paths: each a file of its own, by name.
     */
    java.util.Map<String, Path> oddSymbolicNames(Path victim) throws IOException {
        java.util.Map<String, Path> jars = new java.util.LinkedHashMap<>();
        List<String> names = List.of(victim.toString(), "../rest", "a/b", "..", ".", "a\\b", "..\\rest",
                "C:\\Windows", "a:b", "a..b", ".hidden", "trailing.", "a b", "~", "*");
        for (int i = 0; i < names.size(); i++) {
            jars.put(names.get(i), jar("odd-name-" + i + ".jar", TestBundles.manifest(names.get(i), "1.0.0")));
        }
        return jars;
    }

    Path unsafeEntry() throws IOException {
        return jar("unsafe-entry.jar", TestBundles.manifest("org.example.unsafe", "1.0.0"), "../../etc/evil.sh",
                new byte[4]);
    }

    /** A manifest of several megabytes: one header after another. */
    Path hugeManifest() throws IOException {
        Manifest manifest = TestBundles.manifest("org.example.hugemanifest", "1.0.0");
        for (int i = 0; i < 40_000; i++) {
            manifest.getMainAttributes().putValue("X-Padding-" + i, "x".repeat(60));
        }
        return jar("huge-manifest.jar", manifest);
    }

    /** A bundle larger than {@code limit} bytes: one stored entry of random bytes. */
    Path larger(long limit) throws IOException {
        byte[] content = new byte[(int) limit + 1024];
        new Random(8).nextBytes(content);
        return jar("too-large.jar", TestBundles.manifest("org.example.toolarge", "1.0.0"), "blob.bin", content);
    }

    /** A valid bundle manifest beside an entry of zeros that inflates to {@code inflated} bytes. */
    Path compressionBomb(long inflated) throws IOException {
        Path file = folder.resolve("bomb.jar");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file),
                TestBundles.manifest("org.example.bomb", "1.0.0"))) {
            jar.setLevel(9);
            jar.putNextEntry(new JarEntry("zeros.bin"));
            writeZeros(jar, inflated);
            jar.closeEntry();
        }
        return file;
    }

    /** A manifest that inflates to {@code inflated} bytes: a header continued line after line. */
    Path manifestBomb(long inflated) throws IOException {
        Path file = folder.resolve("manifest-bomb.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            zip.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            zip.write(("Manifest-Version: 1.0\r\nBundle-ManifestVersion: 2\r\nBundle-SymbolicName: org.example.mbomb"
                    + "\r\nBundle-Version: 1.0.0\r\nX-Bomb: a").getBytes(StandardCharsets.US_ASCII));
            byte[] line = ("\r\n " + "a".repeat(68)).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < inflated; written += line.length) {
                zip.write(line);
            }
            zip.write("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    /**
     * Two bundles each importing the package the other exports: the second is put in {@code libraries}, the first
     * returned.
     */
    Path cycle(Path libraries) throws IOException {
        Manifest b = TestBundles.manifest("org.example.cycle.b", "1.0.0");
        b.getMainAttributes().putValue("Export-Package", "org.example.cycle.b;version=1.0.0");
        b.getMainAttributes().putValue("Import-Package", "org.example.cycle.a;version=\"[1,2)\"");
        Path library = jar("cycle-b.jar", b, "org/example/cycle/b/B.txt", new byte[1]);
        Files.copy(library, libraries.resolve("org.example.cycle.b.jar"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Manifest a = TestBundles.manifest("org.example.cycle.a", "1.0.0");
        a.getMainAttributes().putValue("Export-Package", "org.example.cycle.a;version=1.0.0");
        a.getMainAttributes().putValue("Import-Package", "org.example.cycle.b;version=\"[1,2)\"");
        return jar("cycle-a.jar", a, "org/example/cycle/a/A.txt", new byte[1]);
    }

    /** A bundle that imports a package nobody has, through a chain of requirements on bundles nobody has. */
    Path unresolvable() throws IOException {
        Manifest manifest = TestBundles.manifest("org.example.unresolvable", "1.0.0");
        manifest.getMainAttributes().putValue("Import-Package", "org.example.nowhere;version=\"[3,4)\"");
        manifest.getMainAttributes().putValue("Require-Bundle", "org.example.absent");
        return jar("unresolvable.jar", manifest);
    }

    private Path jar(String name, Manifest manifest) throws IOException {
        return jar(name, manifest, null, null);
    }

    private Path jar(String name, Manifest manifest, String entry, byte[] content) throws IOException {
        Path file = folder.resolve(name);
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(file), manifest)) {
            if (entry != null) {
                JarEntry jarEntry = new JarEntry(entry);
                jar.putNextEntry(jarEntry);
                jar.write(content);
                jar.closeEntry();
            }
        }
        return file;
    }

    private static void writeZeros(OutputStream out, long count) throws IOException {
        byte[] zeros = new byte[1 << 20];
        for (long written = 0; written < count; written += zeros.length) {
            out.write(zeros, 0, (int) Math.min(zeros.length, count - written));
        }
    }
}
