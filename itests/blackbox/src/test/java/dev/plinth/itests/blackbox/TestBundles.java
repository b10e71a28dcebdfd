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

    /** A bundle that holds back the runtime's ready line (a {@code plinth.startup.pending} service) for good. */
    public static Path neverReady(Path file) throws IOException {
        return withActivator(file, "dev.plinth.itests.pending", PendingStartActivator.class);
    }

    /** A bundle that logs through java.util.logging when it starts and when it stops. */
    public static Path loggingThroughJul(Path file) throws IOException {
        return withActivator(file, "dev.plinth.itests.jul", JulLoggingActivator.class);
    }

    /** A bundle whose activator throws when it starts. */
    public static Path failingToStart(Path file) throws IOException {
        return withActivator(file, "dev.plinth.itests.failingstart", FailingStartActivator.class);
    }

    /** A plugin recording the configurations delivered to it in {@code data/probe.log} ({@link ConfigurationProbe}). */
    public static Path configurationProbe(Path file) throws IOException {
        Manifest manifest = manifest("dev.plinth.itests.probe", "1.0.0");
        manifest.getMainAttributes().putValue("Bundle-Activator", ConfigurationProbe.class.getName());
        manifest.getMainAttributes().putValue("Import-Package", "org.osgi.framework, org.osgi.service.cm");
        return write(file, manifest, ConfigurationProbe.class);
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

    /**
     * A plugin that tries to serve outside its namespace ({@link HostileRoutesActivator}): {@code keyCase} {@code upper}
     * writes the whiteboard properties in upper case, {@code context} {@code system} registers through the system
     * bundle's context.
     */
    public static Path hostileRoutes(Path file, String symbolicName, String keyCase, String context)
            throws IOException {
        Manifest manifest = manifest(symbolicName, "1.0.0");
        manifest.getMainAttributes().putValue("Bundle-Activator", HostileRoutesActivator.class.getName());
        manifest.getMainAttributes().putValue("Import-Package",
                "org.osgi.framework,jakarta.servlet,jakarta.servlet.http");
        manifest.getMainAttributes().putValue(HostileRoutesActivator.KEY_CASE, keyCase);
        manifest.getMainAttributes().putValue(HostileRoutesActivator.CONTEXT, context);
        return write(file, manifest, HostileRoutesActivator.class, HostileRoutesActivator.Snoop.class,
                HostileRoutesActivator.Answer.class);
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

    /** A bundle of {@code manifest}, with the classes {@code contents} of the tests packed in it ({@code null}: none). */
    public static Path write(Path file, Manifest manifest, Class<?>... contents) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (Class<?> content : contents == null ? new Class<?>[0] : contents) {
                if (content == null) {
                    continue;
                }
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
