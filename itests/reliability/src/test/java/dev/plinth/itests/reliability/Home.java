package dev.plinth.itests.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.plinth.itests.blackbox.Distribution;
import dev.plinth.itests.blackbox.Plinth;

/**
 * One unpacked runtime for the reliability tests: runs piped commands (the batch mode of {@code bin/plinth}),
 * runs them with a fault point armed, and wipes its {@code data/} to start over.
 */
final class Home {

    /** The exit status of a runtime halted at a fault point (the manager's {@code FaultPoints}). */
    static final int HALTED = 113;

    private final Path home;

    private Home(Path home) {
        this.home = home;
    }

    static Home unpack(Path directory) throws IOException, InterruptedException {
        return new Home(Distribution.unpack(directory));
    }

    Path path() {
        return home;
    }

    Path data(String relative) {
        return home.resolve("data").resolve(relative);
    }

    /** Runs {@code commands}, one a line, in a runtime started for them; it stops when they are done. */
    Plinth.Result batch(String... commands) throws IOException, InterruptedException {
        return new Plinth(home).run(String.join("\n", commands) + "\n");
    }

    /** Like {@link #batch}, with the JVM option {@code -Dplinth.fault=point}. */
    Plinth.Result batchHaltingAt(String point, String... commands) throws IOException, InterruptedException {
        return batchWithOptions("-Dplinth.fault=" + point, commands);
    }

    /** Like {@link #batch}, with {@code jvmOptions} (PLINTH_OPTS). */
    Plinth.Result batchWithOptions(String jvmOptions, String... commands) throws IOException, InterruptedException {
        return new Plinth(home).env("PLINTH_OPTS", jvmOptions).run(String.join("\n", commands) + "\n");
    }

    /** Deletes {@code data/} and empties {@code deploy/}: the next start is a first start. */
    void wipeData() throws IOException {
        delete(home.resolve("data"));
        delete(home.resolve("deploy"));
        Files.createDirectories(home.resolve("deploy"));
    }

    /** Keeps a copy of {@code data/} under {@code name}, to start again from it with {@link #restoreData}. */
    void saveData(String name) throws IOException {
        Path copy = home.resolveSibling("saved-" + name);
        delete(copy);
        copy(home.resolve("data"), copy);
    }

    /** Replaces {@code data/} with the copy saved under {@code name} and empties {@code deploy/}. */
    void restoreData(String name) throws IOException {
        wipeData();
        copy(home.resolveSibling("saved-" + name), home.resolve("data"));
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
