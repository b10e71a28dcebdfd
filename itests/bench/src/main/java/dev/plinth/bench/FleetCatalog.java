package dev.plinth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.plinth.common.Sha256;

/**
 * The fleet benchmark's catalogue: {@code count} plugins {@code bench.fleet.p00}..., each in 1.0.0 and 2.0.0 (each
 * exporting its package at its version, needing nothing), and their OSGi repository index ({@code index.xml}), as
 * bnd's indexer writes one with each jar's SHA-256.
 */
final class FleetCatalog {

    static final List<String> VERSIONS = List.of("1.0.0", "2.0.0");

    private FleetCatalog() {
    }

    /** The plugin ids of a catalogue of {@code count} plugins. */
    static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("bench.fleet.p%02d", i));
        }
        return ids;
    }

    /** Writes the jars and the index into {@code folder}; returns the folder. */
    static Path write(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        StringBuilder xml = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n<repository "
                + "xmlns=\"http://www.osgi.org/xmlns/repository/v1.0.0\" name=\"fleet bench\" increment=\"1\">\n");
        for (String id : ids(count)) {
            for (String version : VERSIONS) {
                Path jar = BundleJars.bundle(folder.resolve(id + "-" + version + ".jar"), id, version, null);
                xml.append("  <resource>\n")
                        .append(capability("osgi.identity", attribute("osgi.identity", id, null)
                                + attribute("type", "osgi.bundle", null) + attribute("version", version, "Version")))
                        .append(capability("osgi.content", attribute("osgi.content", Sha256.of(jar).toUpperCase(), null)
                                + attribute("url", jar.getFileName().toString(), null)
                                + attribute("size", String.valueOf(Files.size(jar)), "Long")))
                        .append(capability("osgi.wiring.bundle", attribute("osgi.wiring.bundle", id, null)
                                + attribute("bundle-version", version, "Version")))
                        .append(capability("osgi.wiring.package", attribute("osgi.wiring.package", id, null)
                                + attribute("version", version, "Version")))
                        .append("  </resource>\n");
            }
        }
        xml.append("</repository>\n");
        Files.writeString(folder.resolve("index.xml"), xml, StandardCharsets.UTF_8);
        return folder;
    }

    private static String capability(String namespace, String attributes) {
        return "    <capability namespace=\"" + namespace + "\">\n" + attributes + "    </capability>\n";
    }

    private static String attribute(String name, String value, String type) {
        return "      <attribute name=\"" + name + "\" value=\"" + value + "\""
                + (type == null ? "" : " type=\"" + type + "\"") + "/>\n";
    }
}
