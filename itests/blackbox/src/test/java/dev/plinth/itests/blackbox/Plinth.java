package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code bin/plinth} of one home, run as a process. */
public final class Plinth {

    public static final Duration BOUND = Duration.ofSeconds(90);
    public static final Pattern READY = Pattern.compile("Plinth (\\S+) ready in (\\d+) ms \\((\\d+) bundles\\)");

    private final Path home;
    private final Map<String, String> environment = new HashMap<>();
    private Path workingDirectory;
    private boolean classArchive;

    public Plinth(Path home) {
        this.home = home;
    }

    public Path home() {
        return home;
    }

    /** Sets an environment variable of the processes started from now on; {@code null} takes it away again. */
    /**
     * Lets bin/plinth make and map its class data archive. Left out otherwise ({@code -Xshare:auto} before
     * {@code PLINTH_OPTS}): its make runs in the background after a first start, beyond the short runs of most tests.
     */
    public Plinth withClassArchive() {
        classArchive = true;
        return this;
    }

    public Plinth env(String name, String value) {
        if (value == null) {
            environment.remove(name);
        } else {
            environment.put(name, value);
        }
        return this;
    }

    /** The working directory {@code bin/plinth} runs in; the home unless set. */
    public Plinth workingDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** Runs {@code bin/plinth args}, feeding {@code input} (null: none) and waiting for it to end. */
    public Result run(String input, String... args) throws IOException, InterruptedException {
        Running running = start(args);
        try (OutputStream stdin = running.process.getOutputStream()) {
            if (input != null) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
        }
        return running.await(BOUND);
    }

    /** Runs one {@code bin/plinth exec PROGRAM}; fails the test unless it exits with {@code status}. */
    public Result exec(int status, String program) throws IOException, InterruptedException {
        Result result = run(null, "exec", program);
        if (result.exit() != status) {
            throw new AssertionError(program + ": expected exit status " + status + "\n" + result);
        }
        return result;
    }

    /** Runs one {@code bin/plinth exec PROGRAM}; fails the test unless it succeeds. */
    public Result exec(String program) throws IOException, InterruptedException {
        return exec(0, program);
    }

    /** Every plugin and library as "id version kind", sorted, from {@code plugin:list --all}. */
    public List<String> managed() throws IOException, InterruptedException {
        return exec("plugin:list --all").out().lines().map(line -> List.of(line.strip().split("\\s{2,}")))
                .filter(cells -> cells.size() >= 4 && (cells.get(3).equals("plugin") || cells.get(3).equals("library")))
                .map(cells -> cells.get(0) + " " + cells.get(1) + " " + cells.get(3)).sorted().toList();
    }

    /** Starts {@code bin/plinth args} and returns at once; its standard input stays open. */
    public Running start(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/plinth").toString());
        command.addAll(List.of(args));
        return launch(command);
    }

    /** Starts a command that runs bin/plinth itself (a terminal emulator, say), in the home's environment. */
    public Running startWrapped(String... command) throws IOException {
        return launch(List.of(command));
    }

    private Running launch(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory((workingDirectory == null ? home : workingDirectory).toFile());
        builder.environment().remove("PLINTH_OPTS");
        builder.environment().remove("PLINTH_HOME");
        builder.environment().remove("PLINTH_DATA");
        builder.environment().putAll(environment);
        if (!classArchive) {
            builder.environment().merge("PLINTH_OPTS", "-Xshare:auto", (options, auto) -> auto + " " + options);
        }
        return new Running(builder.start());
    }

    public record Result(int exit, String out, String err) {

        /** The ready line's bundle count; fails when there is no ready line on standard error or output. */
        public int readyBundles() {
            Matcher ready = READY.matcher(err + out);
            if (!ready.find()) {
                throw new AssertionError("no ready line in:\n" + this);
            }
            return Integer.parseInt(ready.group(3));
        }

        /** The cells (split at two or more blanks) of the table row of standard output that starts with {@code id}. */
        public java.util.Optional<List<String>> row(String id) {
            return out.lines().map(String::strip).filter(line -> line.startsWith(id + " "))
                    .map(line -> List.of(line.split("\\s{2,}"))).findFirst();
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** A started {@code bin/plinth} whose output is collected as it comes. */
    public static final class Running {

        public final Process process;
        private final StringBuffer out = new StringBuffer();
        private final StringBuffer err = new StringBuffer();
        private final Thread outReader;
        private final Thread errReader;

        Running(Process process) {
            this.process = process;
            this.outReader = collect(process.getInputStream(), out);
            this.errReader = collect(process.getErrorStream(), err);
        }

        private static Thread collect(InputStream stream, StringBuffer into) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try {
                    int read;
                    while ((read = stream.read(buffer)) >= 0) {
                        into.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    into.append("[read failed: ").append(e.getMessage()).append(']');
                }
            });
            thread.setDaemon(true);
            thread.start();
            return thread;
        }

        public long pid() {
            return process.pid();
        }

        public String out() {
            return out.toString();
        }

        public String err() {
            return err.toString();
        }

        /** Waits until standard output or error matches {@code pattern}; fails after {@code bound}. */
        public Matcher awaitOutput(Pattern pattern, Duration bound) throws InterruptedException {
            long deadline = System.nanoTime() + bound.toNanos();
            while (true) {
                Matcher matcher = pattern.matcher(out() + err());
                if (matcher.find()) {
                    return matcher;
                }
                if (!process.isAlive()) {
                    outReader.join(5000);
                    errReader.join(5000);
                    matcher = pattern.matcher(out() + err());
                    if (matcher.find()) {
                        return matcher;
                    }
                    throw new AssertionError("ended with " + process.exitValue() + " before printing " + pattern
                            + "\n--- stdout\n" + out() + "--- stderr\n" + err());
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new AssertionError("no " + pattern + " within " + bound.toSeconds() + " s\n--- stdout\n"
                            + out() + "--- stderr\n" + err());
                }
                Thread.sleep(20);
            }
        }

        public Matcher awaitReady() throws InterruptedException {
            return awaitOutput(READY, BOUND);
        }

        public void write(String input) throws IOException {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        public void closeInput() throws IOException {
            process.getOutputStream().close();
        }

        public void signal(String signal) throws IOException, InterruptedException {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + signal + " " + pid() + " failed");
            }
        }

        /** Waits for the process to end; fails (and kills it) after {@code bound}. */
        public Result await(Duration bound) throws InterruptedException {
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("still running after " + bound.toSeconds() + " s\n--- stdout\n" + out()
                        + "--- stderr\n" + err());
            }
            outReader.join(10_000);
            errReader.join(10_000);
            return new Result(process.exitValue(), out(), err());
        }

        /** Ends the process whatever state it is in; for clean-up after a failed test. */
        public void kill() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
