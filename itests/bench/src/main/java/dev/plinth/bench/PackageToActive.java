package dev.plinth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.plinth.common.testing.ArchetypeProject;
import dev.plinth.common.testing.MavenCommand;

/**
 * The author's loop (issue 25): a project generated from the archetype runs in {@code mvn plinth:run}; each round
 * changes its command's text and runs {@code mvn -q package} in another process; measured is the time from that
 * process's end to the new version {@code enabled} in the running runtime, seen through {@code GET
 * /api/plugins/<id>} polled every 2 ms.
 */
final class PackageToActive {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern STATE = Pattern.compile("\"state\"\\s*:\\s*\"([^\"]+)\"");

    private PackageToActive() {
    }

    /** Microseconds from each {@code mvn -q package}'s end to its version enabled, one per round. */
    static List<Long> measure(ArchetypeProject project, String pluginId, String greeting, int rounds, int port,
            Duration bound) throws IOException, InterruptedException {
        MavenCommand mvn = project.mvn();
        Process goal = mvn.start("run.log", "plinth:run", "-DskipTests", "-Dplinth.httpPort=" + port);
        try {
            Path home = project.folder().resolve("target/plinth");
            String[] running = new String[1];
            Await.until("the plugin enabled under mvn plinth:run (" + project.folder().resolve("../logs/run.log")
                    + ")", bound, Duration.ofMillis(50), () -> {
                        if (!goal.isAlive()) {
                            throw new IOException("mvn plinth:run ended: " + mvn.output("run.log"));
                        }
                        running[0] = enabledVersion(home, pluginId);
                        return running[0] != null;
                    });
            List<Long> micros = new ArrayList<>();
            String text = greeting;
            for (int round = 1; round <= rounds; round++) {
                String next = "Round " + round + " says hello";
                project.replaceInLiteral(text, next);
                text = next;
                MavenCommand.Outcome packaged = mvn.run(bound, "-q", "package", "-DskipTests");
                long packagedAt = System.nanoTime();
                if (packaged.exitCode() != 0) {
                    throw new IOException("mvn -q package failed: " + packaged.output());
                }
                String before = running[0];
                Await.until("version after " + before + " enabled", bound, Duration.ofMillis(2), () -> {
                    String now = enabledVersion(home, pluginId);
                    if (now != null && !now.equals(before)) {
                        running[0] = now;
                        return true;
                    }
                    return false;
                });
                micros.add((System.nanoTime() - packagedAt) / 1000);
            }
            return micros;
        } finally {
            goal.destroy();
            if (!goal.waitFor(60, TimeUnit.SECONDS)) {
                goal.descendants().forEach(ProcessHandle::destroyForcibly);
                goal.destroyForcibly();
            }
        }
    }

    /** The plugin's version when it is enabled now; null otherwise (also while the API is not up). */
    private static String enabledVersion(Path home, String pluginId) throws IOException {
        Path endpoint = home.resolve("data/rest/endpoint");
        Path token = home.resolve("data/rest/admin.token");
        if (!Files.isRegularFile(endpoint) || !Files.isRegularFile(token)) {
            return null;
        }
        try (HttpLoad client = new HttpLoad(URI.create(Files.readString(endpoint).strip()),
                Files.readString(token).strip())) {
            HttpLoad.Answer answer = client.send("GET", "/api/plugins/" + pluginId);
            if (answer.status() != 200) {
                return null;
            }
            Matcher state = STATE.matcher(answer.text());
            Matcher version = VERSION.matcher(answer.text());
            return state.find() && state.group(1).equals("enabled") && version.find() ? version.group(1) : null;
        } catch (java.net.ConnectException e) {
            return null;
        }
    }
}
