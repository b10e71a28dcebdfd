package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.common.Sha256;

/**
 * A plugin catalogue made on the spot: bundle jars in a folder and their OSGi repository index ({@code index.xml}),
 * written as bnd's indexer writes one, with each jar's SHA-256.
 */
public final class TestCatalog {

    private final Path folder;
    private final List<Resource> resources = new ArrayList<>();

    public TestCatalog(Path folder) throws IOException {
        this.folder = Files.createDirectories(folder);
    }

    public Path folder() {
        return folder;
    }

    /** Adds a bundle {@code id} at {@code version}; say what it exports and needs on the returned resource. */
    public Resource bundle(String id, String version) {
        Resource resource = new Resource(id, version);
        resources.add(resource);
        return resource;
    }

    /** Writes the jars and the index. */
    public Path write() throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version='1.0' encoding='UTF-8'?>\n"
                + "<repository xmlns=\"http://www.osgi.org/xmlns/repository/v1.0.0\" name=\"test\" increment=\"1\">\n");
        for (Resource resource : resources) {
            xml.append(resource.write());
        }
        xml.append("</repository>\n");
        Path index = folder.resolve("index.xml");
        Files.writeString(index, xml, StandardCharsets.UTF_8);
        return index;
    }

    /** One bundle of the catalogue. */
    public final class Resource {

        private final String id;
        private final String version;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final StringBuilder capabilities = new StringBuilder();
        private final StringBuilder requirements = new StringBuilder();
        private Class<?> activator;
        private String claimedSha256;
        private final Map<String, String> entries = new LinkedHashMap<>();

        private Resource(String id, String version) {
            this.id = id;
            this.version = version;
            headers.put("Bundle-SymbolicName", id);
            headers.put("Bundle-Version", version);
        }

        public Resource exports(String pkg, String packageVersion) {
            header("Export-Package", pkg + ";version=" + packageVersion);
            capabilities.append(capability("osgi.wiring.package", attribute("osgi.wiring.package", pkg, null)
                    + attribute("version", packageVersion, "Version")));
            return this;
        }

        /** Imports {@code pkg} from {@code low} up to (not including) {@code below}. */
        public Resource imports(String pkg, String low, String below) {
            header("Import-Package", pkg + ";version=\"[" + low + "," + below + ")\"");
            requirements.append(requirement("osgi.wiring.package", "(&amp;(osgi.wiring.package=" + pkg
                    + ")(version&gt;=" + low + ")(!(version&gt;=" + below + ")))"));
            return this;
        }

        /** Needs a Plinth runtime of at least {@code version}. */
        public Resource needsRuntime(String low) {
            header("Require-Capability", "dev.plinth.runtime;filter:=\"(version>=" + low + ")\"");
            requirements.append(requirement("dev.plinth.runtime", "(version&gt;=" + low + ")"));
            return this;
        }

        /** Makes it a fragment of {@code host} (any version). */
        public Resource fragmentOf(String host) {
            headers.put("Fragment-Host", host);
            requirements.append(requirement("osgi.wiring.host", "(osgi.wiring.host=" + host + ")"));
            return this;
        }

        /** Its activator, a class of the tests packed into the jar. */
        public Resource activator(Class<?> type) {
            activator = type;
            headers.put("Bundle-Activator", type.getName());
            header("Import-Package", "org.osgi.framework");
            requirements.append(requirement("osgi.wiring.package", "(osgi.wiring.package=org.osgi.framework)"));
            return this;
        }

        /** Makes the jar hold another bundle than the index entry names (the index gives the jar's true SHA-256). */
        public Resource holding(String otherId, String otherVersion) {
            headers.put("Bundle-SymbolicName", otherId);
            headers.put("Bundle-Version", otherVersion);
            return this;
        }

        /** Adds a file to the jar (a metatype under {@code OSGI-INF/metatype/}, say). */
        public Resource entry(String name, String content) {
            entries.put(name, content);
            return this;
        }

        /** Makes the index claim another SHA-256 than the jar's. */
        public Resource wrongChecksum() {
            claimedSha256 = "0".repeat(64);
            return this;
        }

        public Path jar() {
            return folder.resolve(id + "-" + version + ".jar");
        }

        private void header(String name, String clause) {
            headers.merge(name, clause, (present, added) -> present + "," + added);
        }

        private String write() throws IOException {
            BundleJar bundle = BundleJar.bundle(id, version);
            headers.forEach(bundle::header);
            entries.forEach(bundle::entry);
            Path jar = (activator == null ? bundle : bundle.classOf(activator)).writeTo(jar());
            String sha = claimedSha256 != null ? claimedSha256 : Sha256.of(jar);
            return "  <resource>\n"
                    + capability("osgi.identity", attribute("osgi.identity", id, null)
                            + attribute("type", "osgi.bundle", null) + attribute("version", version, "Version")
                            + attribute("description", "Test bundle " + id + " " + version, null))
                    + capability("osgi.content", attribute("osgi.content", sha.toUpperCase(), null)
                            + attribute("url", jar.getFileName().toString(), null)
                            + attribute("size", String.valueOf(Files.size(jar)), "Long"))
                    + capability("osgi.wiring.bundle", attribute("osgi.wiring.bundle", id, null)
                            + attribute("bundle-version", version, "Version"))
                    + capabilities + requirements + "  </resource>\n";
        }
    }

    private static String capability(String namespace, String attributes) {
        return "    <capability namespace=\"" + namespace + "\">\n" + attributes + "    </capability>\n";
    }

    private static String requirement(String namespace, String filter) {
        return "    <requirement namespace=\"" + namespace + "\">\n      <directive name=\"filter\" value=\"" + filter
                + "\"/>\n    </requirement>\n";
    }

    private static String attribute(String name, String value, String type) {
        return "      <attribute name=\"" + name + "\" value=\"" + value + "\""
                + (type == null ? "" : " type=\"" + type + "\"") + "/>\n";
    }
}
