package dev.plinth.common.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the small jars tests need: a bundle's manifest headers, entries of text or bytes, classes copied from the
 * class path or from another jar, written to a file or to bytes. The one way Plinth's tests make an archive.
 *
 * <pre>{@code
 * Path jar = BundleJar.bundle("org.example.app", "1.0.0")
 *         .imports("org.osgi.framework")
 *         .activator(AppActivator.class)
 *         .writeInto(folder);
 * }</pre>
 *
 * Only tests use it: no bundle's code refers to it, so bnd never copies it into a bundle.
 */
public final class BundleJar {

    /** Writes the content of one entry; {@link BundleJar#zeros(long)} is one. */
    @FunctionalInterface
    public interface Content {

        /** Writes the entry's bytes to {@code out}. */
        void writeTo(OutputStream out) throws IOException;
    }

    private static final String SYMBOLIC_NAME = "Bundle-SymbolicName";
    private static final String VERSION = "Bundle-Version";

    private final Map<String, String> headers;
    private final Map<String, Content> entries = new LinkedHashMap<>();
    private int level = -1;
    private String comment;

    private BundleJar(Map<String, String> headers) {
        this.headers = headers;
    }

    /** A bundle {@code symbolicName} at {@code version}: {@code Bundle-ManifestVersion: 2} and those two headers. */
    public static BundleJar bundle(String symbolicName, String version) {
        return plain().header("Bundle-ManifestVersion", "2").header(SYMBOLIC_NAME, symbolicName)
                .header(VERSION, version);
    }

    /** A jar whose manifest has no header but {@code Manifest-Version}: a plain library, not a bundle. */
    public static BundleJar plain() {
        return new BundleJar(new LinkedHashMap<>());
    }

    /**
     * A zip with no manifest at all: only the entries given (one of them may be a hand-written
     * {@code META-INF/MANIFEST.MF}). Headers cannot be set on it.
     */
    public static BundleJar withoutManifest() {
        return new BundleJar(null);
    }

    /** Sets a main manifest header (replacing the value it had). */
    public BundleJar header(String name, String value) {
        if (headers == null) {
            throw new IllegalStateException("a jar without manifest has no headers: " + name);
        }
        headers.put(name, value);
        return this;
    }

    /** Sets the headers from alternating names and values. */
    public BundleJar headers(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values must come in pairs");
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            header(namesAndValues[i], namesAndValues[i + 1]);
        }
        return this;
    }

    /** Drops a header set before (such as the {@code Bundle-Version} of {@link #bundle}). */
    public BundleJar withoutHeader(String name) {
        if (headers != null) {
            headers.remove(name);
        }
        return this;
    }

    /** {@code Import-Package}. */
    public BundleJar imports(String packages) {
        return header("Import-Package", packages);
    }

    /** {@code Export-Package}. */
    public BundleJar exports(String packages) {
        return header("Export-Package", packages);
    }

    /** {@code Fragment-Host}. */
    public BundleJar fragmentHost(String host) {
        return header("Fragment-Host", host);
    }

    /** {@code Require-Capability}. */
    public BundleJar requireCapability(String requirements) {
        return header("Require-Capability", requirements);
    }

    /** {@code Provide-Capability}. */
    public BundleJar provideCapability(String capabilities) {
        return header("Provide-Capability", capabilities);
    }

    /** {@code Bundle-Activator} naming {@code activator}, whose class is copied into the jar. */
    public BundleJar activator(Class<?> activator) {
        return header("Bundle-Activator", activator.getName()).classOf(activator);
    }

    /** An entry holding this text in UTF-8. */
    public BundleJar entry(String name, String text) {
        return entry(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** An entry holding these bytes. */
    public BundleJar entry(String name, byte[] content) {
        byte[] copy = content.clone();
        return entry(name, out -> out.write(copy));
    }

    /** An entry whose bytes are written when the jar is, such as a large one that should not sit in memory. */
    public BundleJar entry(String name, Content content) {
        entries.put(name, content);
        return this;
    }

    /** Copies the class files of {@code types} (nested classes are classes of their own) from their class loader. */
    public BundleJar classOf(Class<?>... types) {
        for (Class<?> type : types) {
            classNamed(type.getName(), type.getClassLoader() == null ? ClassLoader.getSystemClassLoader()
                    : type.getClassLoader());
        }
        return this;
    }

    /** Copies the class file of {@code className} from {@code loader} without loading the class. */
    public BundleJar classNamed(String className, ClassLoader loader) {
        String entry = classEntry(className);
        try (InputStream in = loader.getResourceAsStream(entry)) {
            if (in == null) {
                throw new IllegalArgumentException(entry + " is not on the class path");
            }
            return entry(entry, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies the class {@code className} (and so its behaviour) from the jar {@code jar}. */
    public BundleJar classFrom(Path jar, String className) {
        String entry = classEntry(className);
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry found = file.getEntry(entry);
            if (found == null) {
                throw new IllegalArgumentException(jar + " has no " + entry);
            }
            try (InputStream in = file.getInputStream(found)) {
                return entry(entry, in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The deflate level of the entries, 0 to 9 (default: the zip default). */
    public BundleJar compressionLevel(int level) {
        this.level = level;
        return this;
    }

    /** The archive's comment, written after the central directory. */
    public BundleJar comment(String comment) {
        this.comment = comment;
        return this;
    }

    /** Content of {@code count} zero bytes, written a megabyte at a time (a compression bomb's entry). */
    public static Content zeros(long count) {
        return out -> {
            byte[] zeros = new byte[1 << 20];
            for (long written = 0; written < count; written += zeros.length) {
                out.write(zeros, 0, (int) Math.min(zeros.length, count - written));
            }
        };
    }

    /** The jar's bytes. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Writes the jar to {@code file} (creating its folder, replacing the file); returns {@code file}. */
    public Path writeTo(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Writes the jar into {@code directory} as {@code <symbolic name>-<version>.jar}; returns the file. */
    public Path writeInto(Path directory) {
        if (headers == null || headers.get(SYMBOLIC_NAME) == null || headers.get(VERSION) == null) {
            throw new IllegalStateException("only a jar with a symbolic name and a version names itself");
        }
        return writeTo(directory.resolve(headers.get(SYMBOLIC_NAME) + "-" + headers.get(VERSION) + ".jar"));
    }

    private void write(OutputStream sink) throws IOException {
        try (ZipOutputStream out = headers == null ? new ZipOutputStream(sink) : new JarOutputStream(sink, manifest())) {
            if (level >= 0) {
                out.setLevel(level);
            }
            for (Map.Entry<String, Content> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                entry.getValue().writeTo(out);
                out.closeEntry();
            }
            if (comment != null) {
                out.setComment(comment);
            }
        }
    }

    private Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        headers.forEach(main::putValue);
        return manifest;
    }

    private static String classEntry(String className) {
        return className.replace('.', '/') + ".class";
    }
}
