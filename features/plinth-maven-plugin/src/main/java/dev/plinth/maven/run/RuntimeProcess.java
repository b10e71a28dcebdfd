package dev.plinth.maven.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The runtime's process: {@code bin/plinth} with the console in this terminal, or {@code bin/plinth daemon} in the
 * background with its output forwarded line by line (the last lines are kept to explain a failed start).
 */
final class RuntimeProcess {

    private static final int KEPT_LINES = 30;

    private final Process process;
    private final Deque<String> lastLines = new ArrayDeque<>();
    private Thread forwarder;
    private volatile boolean stopping;

    private RuntimeProcess(Process process) {
        this.process = process;
    }

    /** Starts the runtime of {@code home} with its HTTP port and extra JVM options. */
    static RuntimeProcess start(Path home, int httpPort, String jvmOptions, boolean console, Consumer<String> output)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/plinth").toString()));
        if (!console) {
            command.add("daemon");
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        String options = "-Dorg.osgi.service.http.port=" + httpPort
                + (jvmOptions == null || jvmOptions.isBlank() ? "" : " " + jvmOptions.strip());
        String inherited = System.getenv("PLINTH_OPTS");
        builder.environment().put("PLINTH_OPTS", inherited == null || inherited.isBlank() ? options
                : inherited + " " + options);
        builder.environment().put("PLINTH_HOME", home.toString());
        builder.environment().remove("PLINTH_DATA");
        if (console) {
            builder.inheritIO();
            return new RuntimeProcess(builder.start());
        }
        builder.redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE);
        RuntimeProcess runtime = new RuntimeProcess(builder.start());
        runtime.process.getOutputStream().close();
        Thread forward = new Thread(() -> runtime.forward(output), "plinth-output");
        forward.setDaemon(true);
        forward.start();
        runtime.forwarder = forward;
        return runtime;
    }

    private void forward(Consumer<String> output) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lastLines) {
                    if (lastLines.size() == KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                    lastLines.addLast(line);
                }
                output.accept(line);
            }
        } catch (IOException e) {
            if (!stopping && process.isAlive()) {
                output.accept("(the runtime's output could not be read: " + e.getMessage() + ")");
            }
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Whether the process ends within {@code bound} (true at once when it has ended). */
    boolean endsWithin(Duration bound) {
        try {
            return process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** True once {@link #stop} was called. */
    boolean stopping() {
        return stopping;
    }

    long pid() {
        return process.pid();
    }

    /** The exit status, once the process ended. */
    int exitValue() {
        return process.exitValue();
    }

    /** The last lines the runtime printed (background only), joined, once its output ended (bounded). */
    String lastLines() throws InterruptedException {
        if (forwarder != null) {
            forwarder.join(2000);
        }
        synchronized (lastLines) {
            return String.join(System.lineSeparator(), lastLines);
        }
    }

    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Stops the runtime (SIGTERM: it stops as on Ctrl-C) and waits for it, killing it after {@code seconds}. */
    void stop(long seconds) throws InterruptedException {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
