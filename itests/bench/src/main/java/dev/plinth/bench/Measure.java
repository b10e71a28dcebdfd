package dev.plinth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.stream.Stream;

/** Starts a runtime, waits for its ready signal with a bound, reads its memory, stops it. */
final class Measure {

    /** How long after ready the memory high-water mark is read: the console and late work included. */
    static final Duration SETTLED_AFTER = Duration.ofSeconds(2);

    private Measure() {
    }

    /** What a started runtime must answer after its ready signal; returns false while it does not yet. */
    interface Answered {
        boolean now() throws IOException;
    }

    /** Starts the runtime and measures it, without waiting for an answer after ready. */
    static Sample start(Runtime runtime, Path home, Duration bound) throws IOException, InterruptedException {
        return start(runtime, home, bound, null);
    }

    /**
     * Starts the runtime, times its ready signal and then (unless null) the first time {@code answered} holds,
     * looking every 5 ms; reads the peak RSS {@link #SETTLED_AFTER} later, and stops it.
     */
    static Sample start(Runtime runtime, Path home, Duration bound, Answered answered)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("bench-", ".out");
        long spawned = System.nanoTime();
        Process process = launch(runtime, home, output);
        try {
            awaitReady(runtime, process, output, bound);
            long readyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
            long answeredMillis = -1;
            if (answered != null) {
                Await.until(runtime.name() + " to answer", bound, Duration.ofMillis(5), answered::now);
                answeredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - spawned);
            }
            Thread.sleep(SETTLED_AFTER.toMillis());
            long rss = peakRssKib(javaProcess(process));
            stop(runtime, process, bound);
            return new Sample(readyMillis, answeredMillis, rss);
        } finally {
            kill(process);
            Files.deleteIfExists(output);
        }
    }

    /**
     * Waits, within {@code bound}, for the class data archive that Plinth's first start makes in the background
     * ({@code data/cds/plinth.jsa}), so that the restart after it maps the archive as an operator's later starts do
     * and does not share the machine with its making; returns at once where none is being made.
     */
    static void awaitClassArchive(Path home, Duration bound) throws InterruptedException {
        if (!Files.isDirectory(home.resolve("data/cds"))) {
            return;
        }
        try {
            Await.until("the class data archive", bound, Duration.ofMillis(20),
                    () -> Files.isRegularFile(home.resolve("data/cds/plinth.jsa")));
        } catch (IOException e) {
            System.out.println("note: " + e.getMessage() + "; the restart runs without it");
        }
    }

    /** Starts the runtime in {@code home}, its standard output and error going to {@code output}. */
    static Process launch(Runtime runtime, Path home, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(runtime.command(home)).directory(home.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("PLINTH_OPTS");
        builder.environment().putAll(runtime.environment());
        return builder.start();
    }

    /** Stops the runtime its own way and waits for it to end, with a bound. */
    static void stop(Runtime runtime, Process process, Duration bound) throws IOException, InterruptedException {
        runtime.stop(process);
        if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IOException(runtime.name() + " did not stop within " + bound.toSeconds() + " s");
        }
    }

    /** Ends whatever is left of a started runtime. */
    static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Waits, with a bound, until the runtime has printed its ready signal into {@code output}. */
    static Matcher awaitReady(Runtime runtime, Process process, Path output, Duration bound)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            String printed = Files.readString(output, StandardCharsets.UTF_8);
            Matcher matcher = runtime.ready().matcher(printed);
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IOException(runtime.name() + " was not ready (" + (process.isAlive() ? "timed out"
                        : "exited " + process.exitValue()) + "):\n" + printed);
            }
            Thread.sleep(1);
        }
    }

    /**
     * The JVM of a started runtime: the process itself when it is one (bin/plinth execs it), else the first Java
     * process under it (a script's), children first; never a JVM the runtime started (the class data archive's make).
     */
    static ProcessHandle javaProcess(Process process) {
        ProcessHandle launched = process.toHandle();
        return Stream.concat(Stream.of(launched), Stream.concat(launched.children(), launched.descendants()))
                .filter(handle -> handle.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .findFirst().orElse(launched);
    }

    /** VmHWM of /proc/PID/status: the most resident memory the process ever had. */
    static long peakRssKib(ProcessHandle process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    static String javaVersion(Path javaHome) throws IOException {
        Path release = javaHome.resolve("release");
        if (Files.isRegularFile(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_RUNTIME_VERSION=") || line.startsWith("JAVA_VERSION=")) {
                    return "Java " + line.substring(line.indexOf('=') + 1).replace("\"", "");
                }
            }
        }
        return "Java in " + javaHome;
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    static void deleteContents(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                if (!path.equals(directory)) {
                    Files.delete(path);
                }
            }
        }
    }
}
