package dev.plinth.deploy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.service.log.Logger;

/** Archives and a silent logger shared by the deploy tests. */
final class DeployTestSupport {

    private DeployTestSupport() {
    }

    /** The bytes of a bundle jar with that symbolic name header and version, and one class-like entry. */
    static byte[] bundleJar(String symbolicName, String version, String payload) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        if (symbolicName != null) {
            main.putValue("Bundle-SymbolicName", symbolicName);
        }
        if (version != null) {
            main.putValue("Bundle-Version", version);
        }
        return jar(manifest, payload, null);
    }

    /** A jar with that manifest, one text entry, and optionally an archive comment. */
    static byte[] jar(Manifest manifest, String payload, String comment) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream out = new JarOutputStream(bytes, manifest)) {
            out.putNextEntry(new JarEntry("dev/plinth/test/payload.txt"));
            out.write(payload.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            if (comment != null) {
                out.setComment(comment);
            }
        }
        return bytes.toByteArray();
    }

    /** A complete zip archive without a manifest. */
    static byte[] zipWithoutManifest() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("no manifest here".getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    /** Writes a bundle jar of plugin {@code id} into {@code directory}/{@code name}. */
    static Path writeBundle(Path directory, String name, String id, String version, String payload)
            throws IOException {
        return Files.write(directory.resolve(name), bundleJar(id, version, payload));
    }

    /** A Log Service logger that drops everything: these tests look at outcomes, not log lines. */
    static Logger silentLogger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString", "getName" -> "silent";
                    default -> method.getReturnType() == boolean.class ? Boolean.FALSE : null;
                });
    }
}
