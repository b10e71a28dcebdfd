package dev.plinth.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What every fuzz target of the project checks besides its own outcome: a folder of its own, nothing written outside
 * it, and a bound on the time one input takes. For tests only (see the package).
 */
public final class FuzzChecks {

    /** The most one input of the fuzzer (at most a few KiB) may take, with room for a slow shared machine. */
    public static final Duration BOUND = Duration.ofSeconds(5);

    private FuzzChecks() {
    }

    /** A new folder of the target's own, deleted when the JVM exits. */
    public static Path folder(String name) {
        try {
            Path folder = Files.createTempDirectory("fuzz-" + name + "-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> clear(folder, true)));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs one input; fails when it takes longer than {@link #BOUND}. */
    public static <T> T timed(String what, Step<T> step) throws Exception {
        long start = System.nanoTime();
        try {
            return step.run();
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(BOUND) >= 0) {
                throw new AssertionError(what + " took " + took.toMillis() + " ms");
            }
        }
    }

    /** The paths under {@code folder}, relative to it, with '/' between names. */
    public static Set<String> listing(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            Set<String> names = new TreeSet<>();
            paths.filter(path -> !path.equals(folder))
                    .forEach(path -> names.add(folder.relativize(path).toString().replace('\\', '/')));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes what is in {@code folder} (and the folder itself when {@code itself}). */
    public static void clear(Path folder, boolean itself) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).filter(path -> itself || !path.equals(folder)).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails naming the unexpected outcome, with its stack trace. */
    public static AssertionError unexpected(String what, Throwable thrown) {
        return new AssertionError(what + " failed with " + thrown, thrown);
    }

    /** One step of a target. */
    @FunctionalInterface
    public interface Step<T> {
        T run() throws Exception;
    }

}
