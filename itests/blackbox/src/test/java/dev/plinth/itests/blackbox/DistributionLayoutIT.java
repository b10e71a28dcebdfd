package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an operator finds in plinth-VERSION.tar.gz. */
class DistributionLayoutIT {

    @TempDir
    Path unpacked;

    @Test
    void archiveHoldsTheRuntimeLayout() throws Exception {
        Path home = Distribution.unpack(unpacked);
        assertTrue(Files.isExecutable(home.resolve("bin/plinth")), "bin/plinth is executable");
        for (String file : List.of("conf/plinth.properties", "conf/system.properties", "conf/jvm.options",
                "etc/logback.xml",
                "etc/logging.properties", "etc/gosh_profile", "lib/plinth-framework.jar", "README.md",
                "docs/plugins.md", "docs/deploy.md", "docs/rest.md", "docs/attach.md")) {
            assertTrue(Files.isRegularFile(home.resolve(file)), file);
        }
        assertTrue(Files.isDirectory(home.resolve("deploy")), "deploy/");
        assertFalse(Files.exists(home.resolve("data")), "data/ is created at first start, not shipped");
        try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
            assertTrue(lib.anyMatch(jar -> jar.getFileName().toString().startsWith("org.apache.felix.framework-")));
        }
    }

    @Test
    void systemHoldsTheResolvedBootSet() throws Exception {
        Path home = Distribution.unpack(unpacked);
        Set<String> jars;
        try (Stream<Path> files = Files.list(home.resolve("system"))) {
            jars = files.map(file -> file.getFileName().toString()).collect(Collectors.toSet());
        }
        for (String prefix : List.of("org.apache.felix.scr-", "org.apache.felix.configadmin-",
                "org.apache.felix.metatype-", "org.apache.felix.eventadmin-", "org.apache.felix.gogo.runtime-",
                "org.apache.felix.gogo.command-", "org.apache.felix.gogo.jline-", "logback-classic-",
                "dev.plinth.log-", "dev.plinth.config-", "dev.plinth.api-")) {
            assertTrue(jars.stream().anyMatch(jar -> jar.startsWith(prefix)), prefix + " in system/: " + jars);
        }
        assertTrue(jars.stream().allMatch(jar -> jar.endsWith(".jar")), "only jars in system/: " + jars);
        assertFalse(jars.stream().anyMatch(jar -> jar.startsWith("org.apache.felix.framework-")),
                "the framework is on the launcher's class path, not a boot bundle");
    }

    /** catalog/ holds the sample plugins and an index naming each jar with its SHA-256, made at build time. */
    @Test
    void theShippedCatalogueIndexesEveryJarWithItsChecksum() throws Exception {
        Path catalog = Distribution.unpack(unpacked).resolve("catalog");
        String index = Files.readString(catalog.resolve("index.xml"));
        Matcher content = Pattern.compile("<attribute name=\"osgi.content\" "
                + "value=\"([0-9A-Fa-f]{64})\"/>\\s*<attribute name=\"url\" value=\"([^\"]+)\"/>|"
                + "<attribute name=\"url\" value=\"([^\"]+)\"/>\\s*<attribute name=\"osgi.content\" "
                + "value=\"([0-9A-Fa-f]{64})\"/>").matcher(index);
        Map<String, String> indexed = new TreeMap<>();
        while (content.find()) {
            indexed.put(content.group(2) != null ? content.group(2) : content.group(3),
                    (content.group(1) != null ? content.group(1) : content.group(4)).toLowerCase(Locale.ROOT));
        }
        Set<String> jars;
        try (Stream<Path> files = Files.list(catalog)) {
            jars = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".jar"))
                    .collect(Collectors.toSet());
        }
        assertEquals(jars, indexed.keySet(), index);
        assertTrue(jars.stream().anyMatch(jar -> jar.startsWith("dev.plinth.sample.greeting-")), jars.toString());
        for (Map.Entry<String, String> jar : indexed.entrySet()) {
            byte[] bytes = Files.readAllBytes(catalog.resolve(jar.getKey()));
            assertEquals(jar.getValue(), HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(bytes)), jar.getKey());
        }
    }

    /** Served classes are not rewritten by the Service Loader Mediator: Jetty's optional asks for it are gone. */
    @Test
    void theJettyBundleDoesNotAskForTheServiceLoaderMediator() throws Exception {
        Path home = Distribution.unpack(unpacked);
        Path jetty;
        try (Stream<Path> files = Files.list(home.resolve("system"))) {
            jetty = files.filter(file -> file.getFileName().toString().startsWith("org.apache.felix.http.jetty12-"))
                    .findFirst().orElseThrow();
        }
        try (JarFile jar = new JarFile(jetty.toFile())) {
            Attributes headers = jar.getManifest().getMainAttributes();
            assertEquals("org.apache.felix.http.jetty12", headers.getValue("Bundle-SymbolicName"));
            String requirements = headers.getValue("Require-Capability");
            assertFalse(requirements.contains("serviceloader"), requirements);
            assertTrue(requirements.contains("(osgi.contract=JakartaServlet)"), requirements);
            assertTrue(requirements.contains("(osgi.ee=JavaSE)"), requirements);
            assertTrue(jar.size() > 1000, "every class is still there: " + jar.size() + " entries");
        }
    }

    @Test
    void firstStartCreatesData() throws IOException, InterruptedException {
        Path home = Distribution.unpack(unpacked);
        Plinth.Result result = new Plinth(home).run(null, "exec", "lb");
        assertEquals(0, result.exit(), result.toString());
        assertTrue(Files.isDirectory(home.resolve("data/cache")), "framework cache");
        assertTrue(Files.size(home.resolve("data/log/plinth.log")) > 0, "log written");
        assertTrue(Files.exists(home.resolve("data/plinth.pid")), "lock file");
    }
}
