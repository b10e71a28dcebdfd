package dev.plinth.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code mvn} run as a process by a test: batch mode, offline, on a given local repository, in a given folder, its
 * output in a file. For tests only (see the package).
 *
 * <pre>{@code
 * MavenCommand mvn = new MavenCommand(projectDir, repository, logs);
 * MavenCommand.Outcome built = mvn.run(Duration.ofMinutes(3), "verify");
 * assertEquals(0, built.exitCode(), built.output());
 * }</pre>
 */
public final class MavenCommand {

    /** The system property naming the {@code mvn} to run; {@code mvn} on the PATH by default. */
    public static final String MVN_PROPERTY = "plinth.test.mvn";

    private final Path directory;
    private final Path repository;
    private final Path logs;

    /** Runs in {@code directory}, on the local repository {@code repository}, writing logs into {@code logs}. */
    public MavenCommand(Path directory, Path repository, Path logs) {
        this.directory = directory;
        this.repository = repository;
        this.logs = logs;
    }

    /** What one run printed and how it ended. */
    public record Outcome(int exitCode, String output) {
    }

    /** The command line for {@code arguments}: batch mode, offline, the repository. */
    public List<String> commandLine(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(System.getProperty(MVN_PROPERTY, "mvn"));
        command.add("-B");
        command.add("-o");
        command.add("-Dmaven.repo.local=" + repository.toAbsolutePath());
        command.addAll(List.of(arguments));
        return command;
    }

    /** Starts {@code mvn arguments} and returns at once; its output goes to the file {@code log} of the logs. */
    public Process start(String log, String... arguments) {
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(commandLine(arguments)).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(logs.resolve(log).toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().remove("MAVEN_OPTS");
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mvn in " + directory, e);
        }
    }

    /** Runs {@code mvn arguments} to its end, within {@code bound}; a run that takes longer is killed. */
    public Outcome run(Duration bound, String... arguments) {
        String log = "mvn-" + System.nanoTime() + ".log";
        Process process = start(log, arguments);
        try {
            process.getOutputStream().close();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
                return new Outcome(-1, "mvn " + String.join(" ", arguments) + " took longer than " + bound + "\n"
                        + output(log));
            }
            return new Outcome(process.exitValue(), output(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while mvn ran", e);
        }
    }

    /** What the run that wrote {@code log} printed so far. */
    public String output(String log) {
        try {
            Path file = logs.resolve(log);
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
