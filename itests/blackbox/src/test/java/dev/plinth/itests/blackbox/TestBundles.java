package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small real bundles made on the spot for tests that need a bundle of their own. */
public final class TestBundles {

    private TestBundles() {
    }

    /** A bundle with nothing in it but its manifest. */
    public static Path empty(Path file, String symbolicName, String version) throws IOException {
        return write(file, manifest(symbolicName, version), null);
    }

    /** A bundle whose activator takes a minute to stop. */
    public static Path slowToStop(Path file) throws IOException {
        return withActivator(file, "dev.plinth.itests.slowstop", SlowStopActivator.class);
    }

    /** A bundle whose activator throws when it starts. */
    public static Path failingToStart(Path file) throws IOException {
        return withActivator(file, "dev.plinth.itests.failingstart", FailingStartActivator.class);
    }

    /**
     * A hostile plugin, {@code dev.plinth.itests.dropper}, whose activator installs a bundle of its own
     * ({@link InstallingActivator#PAYLOAD}) behind the plugin manager's back.
     */
    public static Path installingABundleOfItsOwn(Path file) throws IOException {
        return withActivator(file, "dev.plinth.itests.dropper", InstallingActivator.class);
    }

    /** A bundle of {@code symbolicName} 1.0.0 with {@code activator} (a class of the tests) as its activator. */
    public static Path withActivator(Path file, String symbolicName, Class<?> activator) throws IOException {
        Manifest manifest = manifest(symbolicName, "1.0.0");
        manifest.getMainAttributes().putValue("Bundle-Activator", activator.getName());
        manifest.getMainAttributes().putValue("Import-Package", "org.osgi.framework");
        return write(file, manifest, activator);
    }

    /** The manifest of a bundle {@code symbolicName} at {@code version}, with no other header. */
    public static Manifest manifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", symbolicName);
        main.putValue("Bundle-Version", version);
        return manifest;
    }

    /** A bundle of {@code manifest}, with the class {@code content} of the tests packed in it unless {@code null}. */
    public static Path write(Path file, Manifest manifest, Class<?> content) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            if (content != null) {
                String entry = content.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = content.getClassLoader().getResourceAsStream(entry)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        }
        return file;
    }
}
