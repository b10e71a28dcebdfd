package dev.plinth.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.url;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

import org.ops4j.pax.exam.Option;

import dev.plinth.framework.internal.LauncherConfiguration;
import dev.plinth.framework.internal.LauncherProperties;
import dev.plinth.framework.internal.StartLevelPolicy;

/**
 * Pax Exam options for the runtime under test: the distribution's boot bundles at the start levels
 * the launcher gives them, with the launcher's framework and system properties, on a home of the
 * test's own for {@code etc/} and {@code data/}.
 */
public final class PlinthRuntime {

    /**
     * Pax Exam's own bundles (what its default test system adds), started after the runtime's
     * logging so that they do not initialise SLF4J before its provider is there.
     */
    private static final List<String> PAX_EXAM_LINKS = List.of("org.ops4j.pax.exam", "org.ops4j.pax.exam.inject",
            "org.ops4j.pax.extender.service", "org.ops4j.base", "org.ops4j.pax.swissbox.core",
            "org.ops4j.pax.swissbox.extender", "org.ops4j.pax.swissbox.framework", "org.ops4j.pax.swissbox.lifecycle",
            "org.ops4j.pax.swissbox.tracker", "jakarta.inject-api");
    private static final int PAX_EXAM_START_LEVEL = 4;

    /** The manager's settings file in {@code etc/}. */
    public static final String MANAGER_SETTINGS = "dev.plinth.manager.cfg";
    /** A start that takes more than 2 s fails: a test of a plugin that cannot start ends soon. */
    public static final String QUICK_START = "start.timeout.ms = 2000\n";
    /** An {@code etc/} whose only setting is {@link #QUICK_START}. */
    public static final Map<String, String> QUICK_START_ETC = Map.of(MANAGER_SETTINGS, QUICK_START);

    private PlinthRuntime() {
    }

    /** The unpacked distribution the build made. */
    public static Path distribution() {
        String dist = System.getProperty("plinth.dist");
        if (dist == null) {
            throw new IllegalStateException("system property plinth.dist (the unpacked distribution) is not set");
        }
        return Path.of(dist);
    }

    /** A fresh home for one test class: {@code target/exam/<name>/} with an empty {@code etc/}. */
    public static Path testHome(Class<?> test) {
        return testHome(test, Map.of());
    }

    /**
     * A fresh home for one test class: {@code target/exam/<name>/} whose {@code etc/} holds the distribution's
     * {@code logback.xml} and {@code etcFiles} (file name to content).
     */
    public static Path testHome(Class<?> test, Map<String, String> etcFiles) {
        Path home = Path.of("target", "exam", test.getSimpleName()).toAbsolutePath();
        try {
            deleteTree(home);
            Files.createDirectories(home.resolve("etc"));
            Files.createDirectories(home.resolve("data/log"));
            Files.copy(distribution().resolve("etc/logback.xml"), home.resolve("etc/logback.xml"));
            for (Map.Entry<String, String> file : etcFiles.entrySet()) {
                Files.writeString(home.resolve("etc").resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return home;
    }

    /** The options of a test class's runtime, on a fresh home ({@link #testHome(Class)}). */
    public static Option[] options(Class<?> test) {
        return options(testHome(test));
    }

    /** The options of a test class's runtime, on a fresh home whose {@code etc/} holds {@code etcFiles}. */
    public static Option[] options(Class<?> test, Map<String, String> etcFiles) {
        return options(testHome(test, etcFiles));
    }

    /** The options of the runtime on {@code home}. */
    public static Option[] options(Path home) {
        LauncherConfiguration configuration = LauncherConfiguration.load(distribution(),
                Map.of(LauncherProperties.ETC, home.resolve("etc").toString(),
                        LauncherProperties.DATA, home.resolve("data").toString(),
                        LauncherProperties.DEPLOY, home.resolve("deploy").toString(),
                        LauncherProperties.GOSH_ARGS, "--nointeractive --noshutdown",
                        // no test here talks HTTP: no server on the fixed port, nothing to wait for
                        LauncherProperties.HTTP_ENABLE, "false"));
        List<Option> options = new ArrayList<>();
        configuration.frameworkProperties().forEach((key, value) -> {
            if (!key.equals(LauncherProperties.STORAGE) && !key.equals(LauncherProperties.BEGINNING_START_LEVEL)) {
                options.add(frameworkProperty(key).value(value));
            }
        });
        configuration.systemProperties().forEach((key, value) -> options.add(systemProperty(key).value(value)));
        options.add(systemProperty("org.jline.terminal.type").value("dumb"));
        options.add(frameworkStartLevel(configuration.beginningStartLevel()));
        StartLevelPolicy startLevels = configuration.startLevels();
        Map<Path, Integer> boot = bootJars(configuration.systemDirectory(), startLevels);
        boot.forEach((jar, level) -> options.add(bundle(jar.toUri().toString()).startLevel(level).start()));
        options.addAll(paxExamBundles());
        return options.toArray(new Option[0]);
    }

    /**
     * Pax Exam's own bundles and JUnit's, at a start level after the runtime's logging, so that they do not
     * initialise SLF4J before its provider is there.
     */
    public static List<Option> paxExamBundles() {
        List<Option> options = new ArrayList<>();
        for (String link : PAX_EXAM_LINKS) {
            options.add(url("link:classpath:META-INF/links/" + link + ".link").startLevel(PAX_EXAM_START_LEVEL));
        }
        options.add(junitBundles());
        return options;
    }

    /** The jar of the distribution's {@code system/} whose bundle has that symbolic name. */
    public static Path systemJar(String symbolicName) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(distribution().resolve("system"), "*.jar")) {
            for (Path jar : files) {
                if (symbolicName(jar).equals(symbolicName)) {
                    return jar;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the distribution's system/ has no bundle " + symbolicName);
    }

    /** The boot jars with their start levels, in the order the launcher installs them. */
    private static Map<Path, Integer> bootJars(Path system, StartLevelPolicy startLevels) {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(system, "*.jar")) {
            files.forEach(jars::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<Path, Integer> levels = new LinkedHashMap<>();
        jars.stream()
                .sorted(Comparator.comparing((Path jar) -> startLevels.levelOf(symbolicName(jar)))
                        .thenComparing(jar -> jar.getFileName().toString()))
                .forEach(jar -> levels.put(jar, startLevels.levelOf(symbolicName(jar))));
        return levels;
    }

    private static String symbolicName(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
