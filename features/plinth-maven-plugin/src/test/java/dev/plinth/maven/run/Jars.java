package dev.plinth.maven.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/** Small jars for the tests. */
final class Jars {

    private Jars() {
    }

    /** A bundle jar with one class-sized entry; {@code symbolicName} null for a jar that is no bundle. */
    static Path bundle(Path file, String symbolicName, String version) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            manifest.getMainAttributes().putValue("Bundle-Version", version);
        }
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new ZipEntry("a/Thing.class"));
            byte[] incompressible = new byte[8192];
            new java.util.Random(7).nextBytes(incompressible);
            jar.write(incompressible);
            jar.closeEntry();
        }
        return file;
    }
}
