package dev.plinth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Commands and consoles against a runtime already running in the background: {@code bin/plinth exec 'plugin:list'},
 * {@code bin/plinth plugins} and a console attached up to its first prompt (on a pseudo-terminal made by
 * {@code script}), each {@code --attach-runs} times, beside Karaf's {@code bin/client} (SSH) on Karaf 4.4.10 when
 * its archive is among the inputs.
 */
final class AttachBench {

    static final String SECTION = "Attach";
    private static final Pattern PLINTH_PROMPT = Pattern.compile("plinth> ");
    private static final Pattern KARAF_PROMPT = Pattern.compile("@root\\(\\)> ");

    private AttachBench() {
    }

    static void run(Bench.Context context, Results results) throws Exception {
        int runs = context.integer("--attach-runs");
        Duration bound = Duration.ofSeconds(context.integer("--bound"));
        Path bench = Files.createDirectories(context.work().resolve("attach"));
        Measure.deleteContents(bench);
        Path karafArchive = context.inputs().resolve("karaf.tar.gz");
        boolean karaf = Files.isRegularFile(karafArchive);
        results.section(SECTION, karaf ? "Karaf 4.4.10 bin/client over SSH" : "none: no Karaf archive in the inputs");

        Path home = Files.createDirectories(bench.resolve("plinth"));
        context.plinth().prepare(home);
        // Any free port for the REST API: the harness may run beside other runtimes.
        Map<String, String> env = Map.of("JAVA_HOME", context.javaHome().toString(), "TERM", "xterm",
                "PLINTH_OPTS", String.join(" ", context.plinthOptions()) + " -Dorg.osgi.service.http.port=0");
        String plinth = home.resolve("bin/plinth").toString();
        run(List.of(plinth, "start"), env, bound);
        List<Long> exec = new ArrayList<>();
        List<Long> plugins = new ArrayList<>();
        List<Long> prompt = new ArrayList<>();
        try {
            for (int i = 0; i < runs; i++) {
                exec.add(run(List.of(plinth, "exec", "plugin:list"), env, bound));
                plugins.add(run(List.of(plinth, "plugins"), env, bound));
                prompt.add(toPrompt(plinth, env, PLINTH_PROMPT, "\u0004", bound));
            }
        } finally {
            run(List.of(plinth, "stop"), env, bound);
        }

        List<Long> karafCommand = new ArrayList<>();
        List<Long> karafPrompt = new ArrayList<>();
        if (karaf) {
            try {
                measureKaraf(context, bench, karafArchive, runs, bound, karafCommand, karafPrompt);
            } catch (IOException e) {
                results.note("attach: Karaf's bin/client failed after " + karafCommand.size() + " runs: "
                        + e.getMessage().strip());
            }
        }
        results.add(new Row(SECTION, "attach.exec_ms", "bin/plinth exec 'plugin:list' on a running runtime (Karaf:"
                + " bin/client \"echo hi\")", "ms", Figure.millisOfMicros(exec), figure(karafCommand), null,
                "median <= 150"));
        results.add(new Row(SECTION, "attach.plugins_ms", "bin/plinth plugins (plugin:list, socket) on a running runtime",
                "ms", Figure.millisOfMicros(plugins), figure(karafCommand), null, "median <= 150"));
        results.add(new Row(SECTION, "attach.prompt_ms", "bin/plinth attached, to its first prompt (Karaf: bin/client)",
                "ms", Figure.millisOfMicros(prompt), figure(karafPrompt), null, "median <= 300"));
    }

    private static void measureKaraf(Bench.Context context, Path bench, Path archive, int runs, Duration bound,
            List<Long> command, List<Long> prompt) throws Exception {
        Path home = Files.createDirectories(bench.resolve("karaf"));
        // Karaf's layout with its karaf user enabled and free SSH and JMX ports (see KarafRuntime).
        new KarafRuntime(KarafRuntime.NAME, archive, context.javaHome(), List.of(), List.of(), null).prepare(home);
        Map<String, String> env = Map.of("JAVA_HOME", context.javaHome().toString(), "TERM", "xterm");
        run(List.of(home.resolve("bin/start").toString()), env, bound);
        try {
            List<String> echo = KarafRuntime.client(home, "echo hi");
            Await.until("Karaf's SSH console", bound, Duration.ofMillis(500),
                    () -> succeeds(echo, env, Duration.ofSeconds(30)));
            for (int i = 0; i < runs; i++) {
                command.add(retried(echo, env, bound));
                prompt.add(toPrompt(String.join(" ", echo.subList(0, echo.size() - 1)), env, KARAF_PROMPT, "logout\r",
                        bound));
            }
        } finally {
            run(List.of(home.resolve("bin/stop").toString()), env, bound);
        }
    }

    /** Karaf's SSH sometimes closes a session at once on a loaded machine: such a run is taken again, once. */
    private static long retried(List<String> command, Map<String, String> env, Duration bound)
            throws IOException, InterruptedException {
        try {
            return run(command, env, bound);
        } catch (IOException e) {
            return run(command, env, bound);
        }
    }

    private static Figure figure(List<Long> micros) {
        return micros.isEmpty() ? null : Figure.millisOfMicros(micros);
    }

    /** Runs a command to its end; its wall time in microseconds. Fails when it exits with another status than 0. */
    /** Whether {@code command} runs to a zero exit within {@code bound}; false when it fails or cannot run. */
    static boolean succeeds(List<String> command, Map<String, String> env, Duration bound) {
        try {
            run(command, env, bound);
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static long run(List<String> command, Map<String, String> env, Duration bound)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("attach-bench", ".out");
        // One empty line on standard input: Karaf's bin/client hangs on an input that ends at once.
        Path input = Files.writeString(Files.createTempFile("attach-bench", ".in"), "\n");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(input.toFile());
            builder.environment().remove("PLINTH_OPTS");
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not end within " + bound.toSeconds() + " s");
            }
            long micros = (System.nanoTime() - start) / 1000;
            if (process.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + process.exitValue() + "): "
                        + Files.readString(output));
            }
            return micros;
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(input);
        }
    }

    /**
     * Starts a console on a pseudo-terminal ({@code script}) and waits for its first prompt; the time to it in
     * microseconds. Then sends {@code leave} and gives the console 10 s to end before ending it.
     */
    private static long toPrompt(String console, Map<String, String> env, Pattern prompt, String leave,
            Duration bound) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("script", "-qfc", "stty cols 120 rows 40; exec " + console,
                "/dev/null").redirectErrorStream(true);
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            StringBuffer seen = new StringBuffer();
            InputStream out = process.getInputStream();
            Thread reader = new Thread(() -> {
                byte[] buffer = new byte[4096];
                try {
                    int read;
                    while ((read = out.read(buffer)) >= 0) {
                        seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the console ended
                }
            });
            reader.setDaemon(true);
            reader.start();
            Await.until("the first prompt of " + console, bound, Duration.ofMillis(2),
                    () -> prompt.matcher(seen).find());
            long micros = (System.nanoTime() - start) / 1000;
            OutputStream in = process.getOutputStream();
            in.write(leave.getBytes(StandardCharsets.UTF_8));
            in.flush();
            process.waitFor(10, TimeUnit.SECONDS);
            return micros;
        } finally {
            process.destroyForcibly();
        }
    }
}
