package dev.plinth.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Writes small bundle jars for tests: a manifest, and classes copied from the sample jars when needed. */
public final class TestJars {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, byte[]> entries = new LinkedHashMap<>();

    private TestJars(String symbolicName, String version) {
        headers.put("Bundle-ManifestVersion", "2");
        headers.put("Bundle-SymbolicName", symbolicName);
        headers.put("Bundle-Version", version);
    }

    public static TestJars bundle(String symbolicName, String version) {
        return new TestJars(symbolicName, version);
    }

    public TestJars header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public TestJars exports(String packages) {
        return header("Export-Package", packages);
    }

    public TestJars imports(String packages) {
        return header("Import-Package", packages);
    }

    /** Copies a class (and so its behaviour) from a sample jar of the distribution. */
    public TestJars classFrom(Path sampleJar, String className) {
        String entry = className.replace('.', '/') + ".class";
        try (JarFile jar = new JarFile(sampleJar.toFile()); InputStream in = jar.getInputStream(jar.getEntry(entry))) {
            entries.put(entry, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Copies a class of the tests themselves into the jar. */
    public TestJars classOf(Class<?> type) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getResourceAsStream("/" + entry)) {
            entries.put(entry, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Adds a text entry (a component description, a resource). */
    public TestJars entry(String name, String content) {
        entries.put(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return this;
    }

    /** Writes the jar to {@code directory} as {@code <symbolic name>-<version>.jar}. */
    public Path writeTo(Path directory) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        Path jar = directory.resolve(headers.get("Bundle-SymbolicName") + "-" + headers.get("Bundle-Version") + ".jar");
        try {
            Files.createDirectories(directory);
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
                for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                    out.putNextEntry(new JarEntry(entry.getKey()));
                    out.write(entry.getValue());
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }
}
