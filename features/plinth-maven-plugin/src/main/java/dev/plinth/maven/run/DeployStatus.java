package dev.plinth.maven.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the runtime's deploy directory says about a file: {@code bin/plinth exec 'plugin:deploy-status --json'}, run
 * in the running runtime through its socket.
 */
final class DeployStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DeployStatus() {
    }

    /** The status of {@code file} (its status and message), or empty when the runtime does not answer or has none. */
    static Optional<JsonNode> of(Path home, String file) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(home.resolve("bin/plinth").toString(), "exec",
                    "plugin:deploy-status --json")
                    .directory(home.toFile()).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return Optional.empty();
            }
            for (JsonNode entry : JSON.readTree(new String(out, StandardCharsets.UTF_8)).path("files")) {
                if (file.equals(entry.path("file").asText())) {
                    return Optional.of(entry);
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The deploy directory's failure for {@code file} ({@code CODE: message}), if it reports one. */
    static Optional<String> failure(Path home, String file) throws InterruptedException {
        return of(home, file).filter(entry -> "failed".equals(entry.path("status").asText()))
                .map(entry -> (entry.path("code").isNull() ? "" : entry.path("code").asText() + ": ")
                        + entry.path("message").asText());
    }
}
