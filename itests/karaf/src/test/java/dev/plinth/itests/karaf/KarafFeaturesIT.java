package dev.plinth.itests.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Plinth's features.xml in a real Apache Karaf: added and installed with Karaf's own commands, as the README
 * tells an operator to, then Plinth's bundles, its {@code plugin:} commands and its REST API are used there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KarafFeaturesIT {

    private static final String VERSION = System.getProperty("plinth.version", "0.1.0-SNAPSHOT");
    private static final Path REPOSITORY = Path.of(System.getProperty("plinth.repository", "target/plinth-repository"));

    private Karaf karaf;

    @BeforeAll
    void startKaraf() throws Exception {
        karaf = Karaf.unpack(Path.of(System.getProperty("karaf.archive", "target/apache-karaf.tar.gz")),
                Path.of(System.getProperty("karaf.unpacked", "target/karaf")),
                Path.of(System.getProperty("maven.local.repository",
                        System.getProperty("user.home") + "/.m2/repository")),
                List.of(REPOSITORY.toAbsolutePath()));
        karaf.start();
    }

    @AfterAll
    void stopKaraf() throws Exception {
        if (karaf != null) {
            karaf.stop();
        }
    }

    @Test
    @Order(1)
    void featureInstallBringsPlinthUp() throws Exception {
        String installed = karaf.shell("feature:repo-add mvn:dev.plinth/plinth-karaf/" + VERSION + "/xml/features; "
                + "feature:install plinth-all; feature:list -i | grep plinth");
        assertTrue(installed.lines().anyMatch(line -> line.startsWith("plinth-all") && line.contains("Started")),
                installed);

        String bundles = karaf.shell("bundle:list -t 0 | grep -i plinth");
        for (String name : List.of("Plinth API", "Plinth Plugin Manager", "Plinth Shell", "Plinth Deploy Directory",
                "Plinth REST API", "Plinth Catalog")) {
            assertTrue(bundles.lines().anyMatch(line -> line.endsWith(name) && line.contains("Active")),
                    name + " is active: " + bundles);
        }
    }

    @Test
    @Order(2)
    void pluginCommandsWorkInKarafsShell() throws Exception {
        Path hello = REPOSITORY.resolve("dev/plinth/dev.plinth.sample.hello/" + VERSION + "/dev.plinth.sample.hello-"
                + VERSION + ".jar").toAbsolutePath();
        String listed = karaf.shell("plugin:install --enable " + hello + " | grep -i done; "
                + "plugin:list | grep dev.plinth");
        assertTrue(listed.lines().anyMatch(line -> line.startsWith("dev.plinth.sample.hello") && line.contains("enabled")
                && line.contains("plugin")), listed);

        String available = karaf.shell("plugin:available | grep -i catalogue");
        assertTrue(available.contains("The catalogues offer no plugins."),
                "the catalogue runs (it has no catalog/ folder in Karaf's home): " + available);

        String all = karaf.shell("plugin:list --all | grep dev.plinth.manager");
        assertTrue(all.contains("dev.plinth.manager") && all.contains("unmanaged"),
                "Karaf installed the manager, so the manager leaves it alone: " + all);
    }

    @Test
    @Order(3)
    void theRestApiAnswersOnJetty12() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + karaf.httpPort() + "/api/plugins")).timeout(Duration.ofSeconds(30))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, response.statusCode(), "no token, no plugins: " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                response.headers().toString());
    }
}
