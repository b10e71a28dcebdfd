package dev.plinth.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * A Plinth home's REST API as a just-started runtime offers it: the endpoint and admin token files it
 * writes once HTTP is up, and {@code GET /api/plugins} answered with 200 and a body that satisfies a test.
 */
final class RestAnswer {

    private final Path home;

    RestAnswer(Path home) {
        this.home = home;
    }

    /** Whether {@code GET /api/plugins} answers 200 with a body {@code wanted} accepts now; false while not up. */
    boolean answers(Predicate<String> wanted) throws IOException {
        Path endpoint = home.resolve("data/rest/endpoint");
        Path token = home.resolve("data/rest/admin.token");
        if (!Files.isRegularFile(endpoint) || !Files.isRegularFile(token)) {
            return false;
        }
        String base = Files.readString(endpoint).strip();
        String secret = Files.readString(token).strip();
        if (base.isEmpty() || secret.isEmpty()) {
            return false;
        }
        try (HttpLoad client = new HttpLoad(URI.create(base), secret)) {
            HttpLoad.Answer answer = client.send("GET", "/api/plugins");
            return answer.status() == 200 && wanted.test(answer.text());
        } catch (java.net.ConnectException e) {
            return false;
        }
    }

    /** How many plugins a {@code GET /api/plugins} body lists as enabled. */
    static int enabled(String body) {
        return body.split("\"state\":\"enabled\"", -1).length - 1;
    }
}
