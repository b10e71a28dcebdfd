package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bare Apache Felix as its own launcher ({@code org.apache.felix.main}) starts it, with the bundles to
 * auto-deploy in {@code bundle/}: the layout of the Felix framework distribution. With the Gogo shell
 * (the startup benchmark), ready is Gogo's first prompt and closing standard input stops it; without
 * a console, ready is a line a bundle prints and SIGTERM stops it (through Felix's shutdown hook).
 */
final class FelixRuntime implements Runtime {

    private final String name;
    private final Path mainJar;
    private final List<Path> bundles;
    private final Map<String, String> properties;
    private final List<String> jvmOptions;
    private final Path javaHome;
    private final Pattern ready;
    private final boolean console;

    private FelixRuntime(String name, Path mainJar, List<Path> bundles, Map<String, String> properties,
            List<String> jvmOptions, Path javaHome, Pattern ready, boolean console) {
        this.name = name;
        this.mainJar = mainJar;
        this.bundles = List.copyOf(bundles);
        this.properties = new LinkedHashMap<>(properties);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.javaHome = javaHome;
        this.ready = ready;
        this.console = console;
    }

    /** Felix with the Gogo shell bundles found in {@code bundleDirectory} and {@code others}. */
    static FelixRuntime withGogo(Path mainJar, Path bundleDirectory, List<Path> others, Path javaHome)
            throws IOException {
        return withGogo("Felix+Gogo", mainJar, bundleDirectory, others, List.of(), javaHome);
    }

    /** Felix with the Gogo shell bundles found in {@code bundleDirectory}, {@code others} and JVM options. */
    static FelixRuntime withGogo(String name, Path mainJar, Path bundleDirectory, List<Path> others,
            List<String> jvmOptions, Path javaHome) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(bundleDirectory, "*.jar")) {
            found.forEach(jars::add);
        }
        jars.addAll(others);
        return new FelixRuntime(name, mainJar, jars, Map.of(), jvmOptions, javaHome, Pattern.compile("g! "), true);
    }

    /**
     * Felix without a console: {@code bundles} auto-deployed, {@code properties} added to
     * {@code conf/config.properties}, {@code jvmOptions} before {@code -jar}, ready once it prints
     * {@code ready}.
     */
    static FelixRuntime headless(String name, Path mainJar, List<Path> bundles, Map<String, String> properties,
            List<String> jvmOptions, Path javaHome, Pattern ready) {
        return new FelixRuntime(name, mainJar, bundles, properties, jvmOptions, javaHome, ready, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void prepare(Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(mainJar, home.resolve("bin/felix.jar"));
        Files.createDirectories(home.resolve("conf"));
        List<String> config = new ArrayList<>(List.of(
                "# As the Felix framework distribution: install and start what is in bundle/, cache in felix-cache/",
                "felix.auto.deploy.action=install,start",
                "felix.log.level=1",
                "felix.shutdown.hook=true"));
        properties.forEach((key, value) -> config.add(key + "=" + value));
        config.add("");
        Files.writeString(home.resolve("conf/config.properties"), String.join("\n", config));
        Path bundleDir = Files.createDirectories(home.resolve("bundle"));
        for (Path jar : bundles) {
            Files.copy(jar, bundleDir.resolve(jar.getFileName()));
        }
    }

    @Override
    public List<String> command(Path home) {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", "bin/felix.jar"));
        return command;
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public Pattern ready() {
        return ready;
    }

    @Override
    public void stop(Process process) throws IOException {
        if (console) {
            process.getOutputStream().close();
        } else {
            process.destroy();
        }
    }
}
