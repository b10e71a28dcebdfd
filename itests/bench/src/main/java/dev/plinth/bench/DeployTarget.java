package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.plinth.bench.probe.Probe;

/**
 * A runtime as the deploy benchmark measures it. Everything lives under {@code directory}: the home
 * the runtime is laid out in (fresh for each target), the staging directory jars are moved from (on
 * the same file system, so a move is atomic), the probe's file and the runtime's console output.
 *
 * @param deployDir the watched directory, relative to the home
 * @param watcher the symbolic name of the bundle that watches it
 * @param watcherJar a glob, relative to the home, of the watcher's jar: without it there is nothing to measure
 */
record DeployTarget(Runtime runtime, Path directory, String deployDir, String watcher, String watcherJar) {

    Path home() {
        return directory.resolve("home");
    }

    Path staging() {
        return directory.resolve("staging");
    }

    Path probeFile() {
        return probeFile(directory);
    }

    /** The probe's file of the target in {@code directory}: the runtime is told it before the target exists. */
    static Path probeFile(Path directory) {
        return directory.resolve("probe.log");
    }

    /** The JVM option that names the probe's file of the target in {@code directory}. */
    static String probeOption(Path directory) {
        return "-D" + Probe.FILE_PROPERTY + "=" + probeFile(directory);
    }

    /** {@code options} and then {@link #probeOption(Path)}. */
    static List<String> withProbeOption(List<String> options, Path directory) {
        List<String> all = new ArrayList<>(options);
        all.add(probeOption(directory));
        return all;
    }

    Path console() {
        return directory.resolve("console.out");
    }

    /** Whether the laid-out home holds the watcher's jar. */
    boolean hasWatcher() throws IOException {
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + watcherJar);
        try (Stream<Path> paths = Files.walk(home(), 2)) {
            return paths.anyMatch(path -> matcher.matches(home().relativize(path)));
        }
    }
}
