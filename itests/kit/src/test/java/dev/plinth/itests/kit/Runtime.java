package dev.plinth.itests.kit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The runtime {@code mvn plinth:run} started in a project's {@code target/plinth}, reached through its CLI. */
final class Runtime {

    private final Path home;
    private final Supplier<String> goalOutput;
    private final Process goal;

    Runtime(Path home, Supplier<String> goalOutput, Process goal) {
        this.home = home;
        this.goalOutput = goalOutput;
        this.goal = goal;
    }

    /** Runs {@code command} through {@code bin/plinth exec} until its output holds {@code expected}, within a bound. */
    String awaitAnswer(String command, String expected, Duration bound) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        String last = "(no answer yet)";
        while (System.nanoTime() < deadline) {
            if (!goal.isAlive()) {
                fail("the goal ended (" + goal.exitValue() + ") before the runtime answered " + expected + ":\n"
                        + goalOutput.get());
            }
            if (Files.isRegularFile(home.resolve("data/plinth.pid"))) {
                last = exec(command);
                if (last.contains(expected)) {
                    return last;
                }
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        return fail("no answer with " + expected + " to " + command + " within " + bound + "; last: " + last
                + "\ngoal:\n" + goalOutput.get());
    }

    /** The pid of the runtime, from {@code data/plinth.pid}. */
    long pid() throws IOException {
        return Long.parseLong(Files.readString(home.resolve("data/plinth.pid"), StandardCharsets.UTF_8).trim());
    }

    /** {@code GET path} on the runtime's REST API with the admin token: the status and the body. */
    String get(String path) throws IOException, InterruptedException {
        String base = Files.readString(home.resolve("data/rest/endpoint"), StandardCharsets.UTF_8).strip();
        String token = Files.readString(home.resolve("data/rest/admin.token"), StandardCharsets.UTF_8).strip();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base).resolve(path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() + " " + answer.body();
    }

    /** What {@code bin/plinth status} says, trimmed. */
    String status() throws IOException, InterruptedException {
        return run(home.resolve("bin/plinth").toString(), "status").strip();
    }

    private String exec(String command) throws IOException, InterruptedException {
        return run(home.resolve("bin/plinth").toString(), "exec", command);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process exec = new ProcessBuilder(command).redirectErrorStream(true).start();
        exec.getOutputStream().close();
        String output = new String(exec.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!exec.waitFor(30, TimeUnit.SECONDS)) {
            exec.destroyForcibly();
        }
        return output;
    }
}
