package dev.plinth.feature.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.plinth.common.HeaderClauses;

/**
 * Drops a bundle's requirements on the Service Loader Mediator ({@code osgi.serviceloader}, and
 * {@code osgi.extender} with a filter naming it) from its {@code Require-Capability}; every other
 * requirement stays as it was. The Jetty bundle asks for them, optionally, to find HTTP/2 encoders
 * and TLS ALPN processors that Plinth does not use; granted, SPI Fly weaves every class Jetty loads
 * (docs/PERFORMANCE.md).
 */
public final class ServiceLoaderRequirements {

    private ServiceLoaderRequirements() {
    }

    /** Rewrites the jar in place; returns the header it now has. Fails when a requirement is still there. */
    public static String drop(Path jar) throws IOException {
        Manifest manifest;
        try (JarFile in = new JarFile(jar.toFile())) {
            manifest = in.getManifest();
        }
        if (manifest == null) {
            throw new IOException(jar + " has no manifest");
        }
        Attributes main = manifest.getMainAttributes();
        String before = main.getValue("Require-Capability");
        String after = without(before);
        if (after.contains("serviceloader")) {
            throw new IOException("the bundle " + jar.getFileName()
                    + " still asks for the Service Loader Mediator: " + after);
        }
        if (after.isEmpty()) {
            main.remove(new Attributes.Name("Require-Capability"));
        } else {
            main.putValue("Require-Capability", after);
        }
        rewrite(jar, manifest);
        return after;
    }

    /** The header without the Service Loader Mediator's clauses. */
    public static String without(String header) {
        if (header == null) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String clause : HeaderClauses.split(header)) {
            String namespace = clause.split(";", 2)[0].trim();
            boolean mediator = namespace.equals("osgi.serviceloader")
                    || (namespace.equals("osgi.extender") && clause.contains("serviceloader"));
            if (!mediator) {
                kept.add(clause);
            }
        }
        return String.join(",", kept);
    }

    private static void rewrite(Path jar, Manifest manifest) throws IOException {
        Path temporary = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (JarFile in = new JarFile(jar.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(temporary), manifest)) {
            Enumeration<JarEntry> entries = in.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || name.equalsIgnoreCase("META-INF/")) {
                    continue;
                }
                JarEntry copy = new JarEntry(name);
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                try (InputStream content = in.getInputStream(entry)) {
                    content.transferTo(out);
                }
                out.closeEntry();
            }
        }
        Files.move(temporary, jar, StandardCopyOption.REPLACE_EXISTING);
    }
}
