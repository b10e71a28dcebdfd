package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherConfigurationTest {

    @TempDir
    Path home;

    private LauncherConfiguration load(Map<String, String> overrides, Map<String, String> jvm,
            Map<String, String> environment) {
        return LauncherConfiguration.load(home, overrides, jvm::get, environment::get);
    }

    private void conf(String file, String content) throws IOException {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf").resolve(file), content);
    }

    @Test
    void embeddedDefaultsLayTheHomeOut() {
        LauncherConfiguration configuration = load(Map.of(), Map.of(), Map.of());
        assertEquals(home.toAbsolutePath().toString(), configuration.get("plinth.home"));
        assertEquals(home.resolve("data"), configuration.dataDirectory());
        assertEquals(home.resolve("system"), configuration.systemDirectory());
        assertEquals(home.resolve("data/cache"), configuration.cacheDirectory());
        assertEquals(home.resolve("etc/logback.xml").toString(),
                configuration.systemProperties().get("logback.configurationFile"));
        assertEquals(100, configuration.beginningStartLevel());
        assertEquals(Duration.ofSeconds(30), configuration.shutdownTimeout());
        assertEquals(1, configuration.startLevels().levelOf("org.apache.aries.spifly.dynamic.bundle"));
        assertEquals(90, configuration.startLevels().levelOf("org.apache.felix.gogo.jline"));
    }

    @Test
    void theFileOverridesDefaultsAndTheJvmOverridesTheFile() throws IOException {
        conf("plinth.properties", "plinth.data = ${env:STATE}/plinth\nplinth.shutdown.timeout = 5\nfoo = bar\n");
        LauncherConfiguration configuration = load(Map.of(), Map.of("plinth.shutdown.timeout", "7"),
                Map.of("STATE", "/var/lib"));
        assertEquals(Path.of("/var/lib/plinth"), configuration.dataDirectory());
        assertEquals(Path.of("/var/lib/plinth/cache"), configuration.cacheDirectory());
        assertEquals(Duration.ofSeconds(7), configuration.shutdownTimeout());
        assertEquals("bar", configuration.get("foo"));
    }

    @Test
    void embeddingOverridesWinOverEverything() throws IOException {
        conf("plinth.properties", "org.osgi.framework.startlevel.beginning = 50\n");
        LauncherConfiguration configuration = load(Map.of("org.osgi.framework.startlevel.beginning", "60"),
                Map.of("org.osgi.framework.startlevel.beginning", "55"), Map.of());
        assertEquals(60, configuration.beginningStartLevel());
    }

    @Test
    void systemPropertiesFileSeesTheFrameworkProperties() throws IOException {
        conf("system.properties", "my.tool.dir = ${plinth.data}/tool\n");
        LauncherConfiguration configuration = load(Map.of(), Map.of(), Map.of());
        assertEquals(home.resolve("data").toAbsolutePath() + "/tool",
                configuration.systemProperties().get("my.tool.dir"));
    }

    @Test
    void relativeDirectoriesAreUnderTheHome() throws IOException {
        conf("plinth.properties", "plinth.data = state\n");
        assertEquals(home.resolve("state"), load(Map.of(), Map.of(), Map.of()).dataDirectory());
    }

    @Test
    void relativePathsAreResolvedOnceAgainstTheHomeForEveryone() throws IOException {
        conf("plinth.properties", "plinth.data = reldata\norg.osgi.framework.storage = relcache\n"
                + "plinth.deploy = ${env:DEPLOY_DIR:-drop}\n");
        conf("system.properties", "plinth.log.dir = logs\nlogback.configurationFile = classpath:x.xml\n");
        LauncherConfiguration configuration = load(Map.of(), Map.of(), Map.of());
        Path absoluteHome = home.toAbsolutePath();
        Map<String, String> framework = configuration.frameworkProperties();
        assertEquals(absoluteHome.resolve("reldata").toString(), framework.get("plinth.data"));
        assertEquals(absoluteHome.resolve("reldata/log").toString(), framework.get("plinth.log"));
        assertEquals(absoluteHome.resolve("relcache").toString(), framework.get("org.osgi.framework.storage"));
        assertEquals(absoluteHome.resolve("drop").toString(), framework.get("plinth.deploy"));
        assertEquals(absoluteHome.resolve("relcache"), configuration.cacheDirectory());
        assertEquals(absoluteHome.resolve("logs").toString(), configuration.systemProperties().get("plinth.log.dir"));
        assertEquals("classpath:x.xml", configuration.systemProperties().get("logback.configurationFile"),
                "a URL stays as it is");
    }

    @Test
    void systemPropertiesMayReferToEachOther() throws IOException {
        conf("system.properties", "tool.home = ${plinth.data}/tool\ntool.conf = ${tool.home}/conf\n");
        LauncherConfiguration configuration = load(Map.of(), Map.of(), Map.of());
        assertEquals(home.toAbsolutePath().resolve("data/tool/conf").toString(),
                configuration.systemProperties().get("tool.conf"));
    }

    @Test
    void aLogbackFileThatIsNotWellFormedIsAUsageErrorNamingTheLine() throws IOException {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/logback.xml"), "<configuration>\n  <root level=\"INFO\">\n</configuration>\n");
        LauncherConfiguration configuration = load(Map.of(), Map.of(), Map.of());
        ConfigurationException error = assertThrows(ConfigurationException.class,
                configuration::checkLoggingConfiguration);
        assertTrue(error.getMessage().contains("logback.xml is not well-formed XML (line 3"), error.getMessage());
        Files.writeString(home.resolve("etc/logback.xml"), "<configuration/>\n");
        configuration.checkLoggingConfiguration();
    }

    @Test
    void badNumbersAreUsageErrorsNamingTheProperty() throws IOException {
        conf("plinth.properties", "plinth.ready.timeout = soon\n");
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> load(Map.of(), Map.of(), Map.of()));
        assertTrue(error.getMessage().contains("plinth.ready.timeout"), error.getMessage());
        assertTrue(error.getMessage().contains("'soon'"), error.getMessage());
    }

    @Test
    void unresolvedReferenceIsAUsageError() throws IOException {
        conf("plinth.properties", "plinth.data = ${NOT_SET_ANYWHERE}\n");
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> load(Map.of(), Map.of(), Map.of()));
        assertTrue(error.getMessage().contains("${NOT_SET_ANYWHERE}"), error.getMessage());
    }

    @Test
    void missingHomeIsAUsageError() {
        assertThrows(ConfigurationException.class, () -> LauncherConfiguration.load(home.resolve("nope"), Map.of(),
                k -> null, k -> null));
    }
}
