package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Plinth from its distribution archive, run as {@code bin/plinth daemon}; optionally with extra boot
 * bundles in {@code system/} (the launcher installs and starts every jar there) and JVM options in
 * {@code PLINTH_OPTS}.
 */
final class PlinthRuntime implements Runtime {

    private final Path archive;
    private final Path javaHome;
    private final List<Path> systemJars;
    private final List<String> jvmOptions;
    private final boolean piped;
    private final Map<String, String> extraEnvironment;

    PlinthRuntime(Path archive, Path javaHome) {
        this(archive, javaHome, List.of(), List.of());
    }

    /** @param jvmOptions options without spaces in them: bin/plinth splits PLINTH_OPTS at spaces */
    PlinthRuntime(Path archive, Path javaHome, List<Path> systemJars, List<String> jvmOptions) {
        this(archive, javaHome, systemJars, jvmOptions, false);
    }

    private PlinthRuntime(Path archive, Path javaHome, List<Path> systemJars, List<String> jvmOptions,
            boolean piped) {
        this(archive, javaHome, systemJars, jvmOptions, piped, Map.of());
    }

    private PlinthRuntime(Path archive, Path javaHome, List<Path> systemJars, List<String> jvmOptions,
            boolean piped, Map<String, String> extraEnvironment) {
        this.extraEnvironment = Map.copyOf(extraEnvironment);
        this.archive = archive;
        this.javaHome = javaHome;
        this.systemJars = List.copyOf(systemJars);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.piped = piped;
    }

    /**
     * Plinth reading console commands from its standard input, one per line, as they come; closing the
     * input stops it.
     */
    static PlinthRuntime piped(Path archive, Path javaHome, List<Path> systemJars, List<String> jvmOptions) {
        return new PlinthRuntime(archive, javaHome, systemJars, jvmOptions, true);
    }

    /** This runtime with {@code variables} added to its environment. */
    PlinthRuntime withEnvironment(Map<String, String> variables) {
        return new PlinthRuntime(archive, javaHome, systemJars, jvmOptions, piped, variables);
    }

    @Override
    public String name() {
        return "Plinth";
    }

    @Override
    public void prepare(Path home) throws IOException, InterruptedException {
        Measure.run(List.of("tar", "-xzf", archive.toString(), "-C", home.toString(), "--strip-components=1"));
        for (Path jar : systemJars) {
            Files.copy(jar, home.resolve("system").resolve(jar.getFileName()));
        }
    }

    @Override
    public List<String> command(Path home) {
        return piped ? List.of(home.resolve("bin/plinth").toString())
                : List.of(home.resolve("bin/plinth").toString(), "daemon");
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> environment = new java.util.HashMap<>(extraEnvironment);
        environment.put("JAVA_HOME", javaHome.toString());
        if (!jvmOptions.isEmpty()) {
            environment.put("PLINTH_OPTS", String.join(" ", jvmOptions));
        }
        return Map.copyOf(environment);
    }

    @Override
    public Pattern ready() {
        return Pattern.compile("Plinth \\S+ ready in (\\d+) ms \\((\\d+) bundles\\)");
    }

    @Override
    public void stop(Process process) throws IOException {
        if (piped) {
            process.getOutputStream().close();
        } else {
            process.destroy();
        }
    }
}
