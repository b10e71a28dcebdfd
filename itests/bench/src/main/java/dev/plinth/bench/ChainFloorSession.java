package dev.plinth.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@link ChainFloor}'s program, kept running beside a runtime so that each of its runs can follow the runtime's run of
 * the same chain, within a minute of the runtime's removal of the chain before (on this machine, creating files is
 * slower for a while after many were deleted). The program runs with the options of the runtime's
 * {@code conf/jvm.options}, not the runtime's {@code PLINTH_OPTS}; its folders are deleted when it is closed.
 */
final class ChainFloorSession implements AutoCloseable {

    /** Put after the program's last line, so that a run waits no longer once the program is gone. */
    private static final String ENDED = "\u0000ended";

    private final Path javaHome;
    private final Path jvmOptions;
    private final Path felixMain;
    private final Path work;
    private final Path chainFolder;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private Process process;
    private Writer sizes;
    private boolean failed;

    /**
     * The program, started at the first run (the runtime's home is laid out by then) in a JVM of {@code javaHome}
     * with the words of {@code jvmOptions} and Felix's main jar.
     */
    ChainFloorSession(Path javaHome, Path jvmOptions, Path felixMain, Path work, Path chainFolder) {
        this.javaHome = javaHome;
        this.jvmOptions = jvmOptions;
        this.felixMain = felixMain;
        this.work = work;
        this.chainFolder = chainFolder;
    }

    private void start() throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaHome.resolve("bin/java").toString());
        command.addAll(options(jvmOptions));
        command.addAll(List.of("-cp", felixMain + File.pathSeparator + System.getProperty("java.class.path"),
                ChainFloor.class.getName(), Files.createDirectories(work).toString(), chainFolder.toString()));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        sizes = process.outputWriter(StandardCharsets.UTF_8);
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("output lost: " + e.getMessage());
            }
            lines.add(ENDED);
        }, "floor output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * One run of the first {@code size} jars of the chain: each phase's end in ms from the first copy. A run that gives
     * no figure within {@code bound} ends the program, so that it no longer uses the machine.
     */
    Map<String, Double> run(int size, Duration bound) throws IOException, InterruptedException {
        failed = true;
        try {
            if (process == null) {
                start();
            }
            sizes.write(size + "\n");
            sizes.flush();
            Map<String, Double> ends = awaitLine(size, System.nanoTime() + bound.toNanos(), bound);
            failed = false;
            return ends;
        } finally {
            if (failed && process != null) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Map<String, Double> awaitLine(int size, long deadline, Duration bound)
            throws IOException, InterruptedException {
        while (true) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new IOException("the floor's program gave no figure within " + bound.toSeconds() + " s");
            }
            if (line.equals(ENDED)) {
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IOException("the floor's program ended" + (process.isAlive() ? "" : " with "
                        + process.exitValue()) + ": " + String.join("\n", output));
            }
            if (line.startsWith(ChainFloor.LINE)) {
                return parse(line, size);
            }
            output.add(line);
        }
    }

    /** Whether a run gave no figure: the program is then not asked again. */
    boolean failed() {
        return failed;
    }

    /** Ends the program (standard input closed), waiting for it within {@code bound}, then deletes its folders. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null) {
            try {
                sizes.close();
            } catch (IOException e) {
                // the program is gone already
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        }
        if (Files.isDirectory(work)) {
            Measure.deleteContents(work);
        }
    }

    /** The phases' ends of one {@link ChainFloor#LINE} of a run of {@code size}, in ms from the first copy. */
    static Map<String, Double> parse(String line, int size) throws IOException {
        String[] fields = line.startsWith(ChainFloor.LINE)
                ? line.substring(ChainFloor.LINE.length()).strip().split(" ")
                : new String[0];
        if (fields.length != ChainFloor.PHASES.size() + 1 || !fields[0].equals(Integer.toString(size))) {
            throw new IOException("the floor's program printed an unexpected line for a chain of " + size + ": "
                    + line);
        }
        Map<String, Double> ends = new LinkedHashMap<>();
        try {
            for (int i = 0; i < ChainFloor.PHASES.size(); i++) {
                ends.put(ChainFloor.PHASES.get(i), Long.parseLong(fields[i + 1]) / 1000.0);
            }
        } catch (NumberFormatException e) {
            throw new IOException("the floor's program printed an unexpected line: " + line, e);
        }
        return ends;
    }

    /** The options of a {@code conf/jvm.options}: its words, without comments. */
    static List<String> options(Path file) throws IOException {
        List<String> options = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            int comment = line.indexOf('#');
            String words = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (!words.isEmpty()) {
                options.addAll(List.of(words.split("\\s+")));
            }
        }
        return options;
    }
}
