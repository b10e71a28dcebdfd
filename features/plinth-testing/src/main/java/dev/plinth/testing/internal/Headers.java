package dev.plinth.testing.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import dev.plinth.common.HeaderClauses;

/** Reads bundle manifests and splits their headers. */
public final class Headers {

    private Headers() {
    }

    /** The manifest of a jar, or of a folder's META-INF/MANIFEST.MF; null when there is none. */
    public static Manifest manifest(Path jarOrFolder) throws IOException {
        if (Files.isDirectory(jarOrFolder)) {
            Path file = jarOrFolder.resolve("META-INF/MANIFEST.MF");
            if (!Files.isRegularFile(file)) {
                return null;
            }
            try (InputStream in = Files.newInputStream(file)) {
                return new Manifest(in);
            }
        }
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jarOrFolder))) {
            Manifest manifest = in.getManifest();
            if (manifest == null) {
                try (JarFile jar = new JarFile(jarOrFolder.toFile())) {
                    return jar.getManifest();
                }
            }
            return manifest;
        }
    }

    /** The symbolic name without its directives, or null. */
    public static String symbolicName(Manifest manifest) {
        String value = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        return value == null ? null : value.split(";", 2)[0].trim();
    }

    public static String version(Manifest manifest) {
        String value = manifest == null ? null : manifest.getMainAttributes().getValue("Bundle-Version");
        return value == null ? "0.0.0" : value.trim();
    }

    /**
     * An Export-Package header as the framework property {@code org.osgi.framework.system.packages.extra} takes it:
     * each package with its version, directives dropped.
     */
    public static String packagesWithVersions(String exportPackage) {
        List<String> exports = new ArrayList<>();
        for (String clause : HeaderClauses.split(exportPackage)) {
            List<String> packages = new ArrayList<>();
            String version = null;
            for (String part : clause.split(";(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
                String trimmed = part.trim();
                if (trimmed.startsWith("version=")) {
                    version = trimmed.substring("version=".length()).replace("\"", "");
                } else if (!trimmed.contains("=")) {
                    packages.add(trimmed);
                }
            }
            for (String name : packages) {
                exports.add(version == null ? name : name + ";version=\"" + version + "\"");
            }
        }
        return String.join(",", exports);
    }
}
