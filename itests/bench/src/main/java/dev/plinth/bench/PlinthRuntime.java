package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Plinth from its distribution archive, run as {@code bin/plinth daemon}. */
final class PlinthRuntime implements Runtime {

    private final Path archive;
    private final Path javaHome;

    PlinthRuntime(Path archive, Path javaHome) {
        this.archive = archive;
        this.javaHome = javaHome;
    }

    @Override
    public String name() {
        return "Plinth";
    }

    @Override
    public void prepare(Path home) throws IOException, InterruptedException {
        Measure.run(List.of("tar", "-xzf", archive.toString(), "-C", home.toString(), "--strip-components=1"));
    }

    @Override
    public List<String> command(Path home) {
        return List.of(home.resolve("bin/plinth").toString(), "daemon");
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("JAVA_HOME", javaHome.toString());
    }

    @Override
    public Pattern ready() {
        return Pattern.compile("Plinth \\S+ ready in (\\d+) ms \\((\\d+) bundles\\)");
    }

    @Override
    public void stop(Process process) {
        process.destroy();
    }
}
