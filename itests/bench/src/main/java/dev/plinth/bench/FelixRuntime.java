package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bare Apache Felix as its own launcher ({@code org.apache.felix.main}) starts it, with the Gogo
 * shell's bundles in {@code bundle/}: the layout of the Felix framework distribution. Ready is
 * Gogo's first prompt.
 */
final class FelixRuntime implements Runtime {

    private final Path mainJar;
    private final Path bundles;
    private final Path javaHome;

    FelixRuntime(Path mainJar, Path bundles, Path javaHome) {
        this.mainJar = mainJar;
        this.bundles = bundles;
        this.javaHome = javaHome;
    }

    @Override
    public String name() {
        return "Felix+Gogo";
    }

    @Override
    public void prepare(Path home) throws IOException {
        Files.createDirectories(home.resolve("bin"));
        Files.copy(mainJar, home.resolve("bin/felix.jar"));
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/config.properties"), String.join("\n",
                "# As the Felix framework distribution: install and start what is in bundle/, cache in felix-cache/",
                "felix.auto.deploy.action=install,start",
                "felix.log.level=1",
                "felix.shutdown.hook=true", ""));
        Path bundleDir = Files.createDirectories(home.resolve("bundle"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundles, "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, bundleDir.resolve(jar.getFileName()));
            }
        }
    }

    @Override
    public List<String> command(Path home) {
        return List.of(javaHome.resolve("bin/java").toString(), "-jar", "bin/felix.jar");
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public Pattern ready() {
        return Pattern.compile("g! ");
    }

    @Override
    public void stop(Process process) throws IOException {
        process.getOutputStream().close();
    }
}
