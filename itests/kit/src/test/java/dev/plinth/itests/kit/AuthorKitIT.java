package dev.plinth.itests.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.common.testing.ArchetypeProject;
import dev.plinth.common.testing.LocalRepositoryOverlay;
import dev.plinth.common.testing.MavenCommand;

/**
 * A plugin author's first hour, as processes: a project generated from the archetype, built offline with its own
 * tests, run with {@code mvn plinth:run}, its command's text changed, rebuilt with {@code mvn package} in another
 * process, and the running runtime answering with the new text, without a restart. Stopping the goal stops the
 * runtime.
 */
class AuthorKitIT {

    private static final Duration BUILD = Duration.ofMinutes(4);
    private static final Duration ANSWER = Duration.ofSeconds(90);
    /** The generated project's Gogo command, and the text it answers with. */
    private static final String COMMAND = "hello:hello";
    private static final String GREETING = "Hello";

    private static Path repository;

    @TempDir
    Path work;

    private Process goal;

    @BeforeAll
    static void kitRepository() {
        repository = LocalRepositoryOverlay.complete(Path.of(System.getProperty("plinth.kit.repository")),
                Path.of(System.getProperty("plinth.local.repository")));
    }

    @AfterEach
    void stopGoal() throws InterruptedException {
        if (goal != null && goal.isAlive()) {
            goal.destroy();
            if (!goal.waitFor(30, TimeUnit.SECONDS)) {
                goal.descendants().forEach(ProcessHandle::destroyForcibly);
                goal.destroyForcibly();
            }
        }
    }

    @Test
    void aGeneratedPluginBuildsOfflineRunsAndAnswersWithTheNewTextAfterARebuild() throws Exception {
        ArchetypeProject generated = ArchetypeProject.generate(work, repository, System.getProperty("plinth.version"),
                "com.example", "hello-plugin", "com.example.hello");
        Path project = generated.folder();
        MavenCommand mvn = generated.mvn();

        MavenCommand.Outcome verified = mvn.run(BUILD, "verify");
        assertEquals(0, verified.exitCode(), verified.output());
        SurefireReports reports = SurefireReports.of(project.resolve("target/surefire-reports"));
        assertTrue(reports.tests() > 0 && reports.failures() == 0, reports + "\n" + verified.output());

        int port = FreePort.find();
        goal = mvn.start("run.log", "plinth:run", "-DskipTests", "-Dplinth.httpPort=" + port);
        Path home = project.resolve("target/plinth");
        Runtime runtime = new Runtime(home, () -> mvn.output("run.log"), goal);

        runtime.awaitAnswer(COMMAND, GREETING, ANSWER);
        long pid = runtime.pid();

        generated.replaceInLiteral(GREETING, "Howdy from the rebuilt plugin");
        MavenCommand.Outcome packaged = mvn.run(BUILD, "-q", "package", "-DskipTests");
        assertEquals(0, packaged.exitCode(), packaged.output());

        runtime.awaitAnswer(COMMAND, "Howdy from the rebuilt plugin", ANSWER);
        assertEquals(pid, runtime.pid(), "the runtime was restarted instead of upgrading the plugin in place");
        assertEquals("200 {\"greeting\":\"Howdy from the rebuilt plugin, Ada!\"}",
                runtime.get("/api/plugin/hello-plugin/hello?name=Ada"));
        assertTrue(ProcessHandle.of(pid).isPresent());

        goal.destroy();
        assertTrue(goal.waitFor(60, TimeUnit.SECONDS), "the goal did not stop:\n" + mvn.output("run.log"));
        Optional<ProcessHandle> left = ProcessHandle.of(pid);
        assertTrue(left.isEmpty() || !left.get().isAlive(), "the runtime outlived the goal");
        assertEquals("Plinth is not running", runtime.status(), "after the goal stopped");

        publishAndInstallFromTheCatalogue(generated);
    }

    @Test
    void aProjectWhoseCommandsWouldTakeTheRuntimesOwnScopeIsNotGenerated() throws IOException {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> ArchetypeProject.generate(work,
                repository, System.getProperty("plinth.version"), "com.example", "plugin-plugin", "com.example.p"));
        assertTrue(refused.getMessage().contains("commandScope 'plugin' is a scope of the runtime's own commands"),
                refused.getMessage());
        assertTrue(Files.notExists(work.resolve("plugin-plugin")), "a refused project was left behind");
    }

    /**
     * docs/authoring.md's last steps: the release version, {@code mvn -Pcatalog package}, and an operator's fresh
     * runtime that names the catalogue and installs the plugin from it by id.
     */
    private void publishAndInstallFromTheCatalogue(ArchetypeProject generated) throws Exception {
        Path project = generated.folder();
        Path pom = project.resolve("pom.xml");
        String snapshot = "<version>1.0.0-SNAPSHOT</version>";
        String text = Files.readString(pom, StandardCharsets.UTF_8);
        assertTrue(text.contains(snapshot), text);
        Files.writeString(pom, text.replace(snapshot, "<version>1.0.0</version>"), StandardCharsets.UTF_8);
        MavenCommand.Outcome published = generated.mvn().run(BUILD, "-q", "-Pcatalog", "package", "-DskipTests");
        assertEquals(0, published.exitCode(), published.output());
        Path catalogue = project.resolve("target/catalog");
        assertTrue(Files.isRegularFile(catalogue.resolve("hello-plugin-1.0.0.jar")), published.output());
        String index = Files.readString(catalogue.resolve("index.xml"), StandardCharsets.UTF_8);
        assertTrue(index.contains("hello-plugin") && index.contains("hello-plugin-1.0.0.jar"), index);

        Path operator = Files.createDirectories(work.resolve("operator"));
        Path archive = repository.resolve("dev/plinth/plinth-distribution/" + System.getProperty("plinth.version")
                + "/plinth-distribution-" + System.getProperty("plinth.version") + ".tar.gz");
        Process untar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", operator.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, untar.waitFor(), new String(untar.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        Path home;
        try (Stream<Path> homes = Files.list(operator)) {
            home = homes.findFirst().orElseThrow();
        }
        Files.writeString(home.resolve("etc/dev.plinth.catalog.cfg.json"),
                "{ \"catalogs\": [\"catalog\", \"" + catalogue.toUri() + "\"] }\n", StandardCharsets.UTF_8);
        Process exec = new ProcessBuilder(home.resolve("bin/plinth").toString(), "exec",
                "plugin:install --enable hello-plugin; hello:hello Ada").redirectErrorStream(true).start();
        exec.getOutputStream().close();
        String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(exec.waitFor(2, TimeUnit.MINUTES), output);
        assertEquals(0, exec.exitValue(), output);
        assertTrue(output.contains("Install hello-plugin: done.")
                && output.contains("Howdy from the rebuilt plugin, Ada!"), output);
    }

    /** The counts of the surefire reports of a build. */
    record SurefireReports(int tests, int failures) {

        static SurefireReports of(Path folder) throws IOException {
            int tests = 0;
            int failures = 0;
            if (!Files.isDirectory(folder)) {
                return new SurefireReports(0, 0);
            }
            try (Stream<Path> files = Files.list(folder)) {
                for (Path report : files.filter(f -> f.getFileName().toString().endsWith(".xml")).toList()) {
                    String xml = Files.readString(report, StandardCharsets.UTF_8);
                    tests += attribute(xml, "tests");
                    failures += attribute(xml, "failures") + attribute(xml, "errors");
                }
            }
            return new SurefireReports(tests, failures);
        }

        private static int attribute(String xml, String name) {
            int at = xml.indexOf(" " + name + "=\"");
            if (at < 0) {
                return 0;
            }
            int start = at + name.length() + 3;
            return Integer.parseInt(xml.substring(start, xml.indexOf('"', start)));
        }
    }
}
