package dev.plinth.maven.run;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The local runtime's REST API, as its admin ({@code data/rest/admin.token} of the home). */
final class RuntimeApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final Path tokenFile;
    private volatile String lastRefusal = "";
    private volatile int lastStatus;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    RuntimeApi(int port, Path home) {
        this.base = URI.create("http://127.0.0.1:" + port + "/api/");
        this.tokenFile = home.resolve("data/rest/admin.token");
    }

    /** The HTTP status the API gave the last {@link #plugin} call; 0 when the API did not answer (yet). */
    int lastStatus() {
        return lastStatus;
    }

    /** Why the last answer was refused, or the empty string. */
    String lastRefusal() {
        return lastRefusal;
    }

    URI base() {
        return base;
    }

    Path tokenFile() {
        return tokenFile;
    }

    /**
     * The plugin's document, or empty when the API does not answer yet or has no such plugin.
     *
     * @throws IOException when the API answers with an unexpected status
     */
    Optional<JsonNode> plugin(String id) throws IOException, InterruptedException {
        lastStatus = 0;
        Optional<String> token = token();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        HttpRequest request = HttpRequest.newBuilder(base.resolve("plugins/" + id))
                .header("Authorization", "Bearer " + token.get()).timeout(Duration.ofSeconds(5)).GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return Optional.empty();
        }
        if (response.statusCode() == 404 && !response.body().contains("urn:plinth:problem")) {
            // Jetty's own 404: the API's servlet is not registered yet
            return Optional.empty();
        }
        lastStatus = response.statusCode();
        if (response.statusCode() == 200) {
            return Optional.of(JSON.readTree(response.body()));
        }
        if (response.statusCode() == 404 || response.statusCode() == 503) {
            return Optional.empty();
        }
        if (response.statusCode() == 401) {
            // not this home's runtime (another one on the port), or not yet: the caller waits and tells
            lastRefusal = "the server on port " + base.getPort() + " refuses the admin token of " + tokenFile
                    + " (is another Plinth or another server on that port?)";
            return Optional.empty();
        }
        throw new IOException("GET " + request.uri() + " answered " + response.statusCode() + ": " + response.body());
    }

    /**
     * Follows {@code /api/events} until the stream ends, handing each event's JSON to {@code events}; returns once
     * the stream is open, reading it on a daemon thread.
     */
    void follow(Consumer<JsonNode> events, Consumer<String> ended) throws IOException, InterruptedException {
        String token = token().orElseThrow(() -> new IOException("no admin token in " + tokenFile));
        HttpRequest request = HttpRequest.newBuilder(base.resolve("events"))
                .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
        HttpResponse<Stream<String>> response = client.send(request, HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + request.uri() + " answered " + response.statusCode());
        }
        Thread reader = new Thread(() -> {
            try (Stream<String> lines = response.body()) {
                lines.filter(line -> line.startsWith("data:")).forEach(line -> {
                    try {
                        events.accept(JSON.readTree(line.substring(5).strip()));
                    } catch (IOException e) {
                        ended.accept("an event that is not JSON: " + line);
                    }
                });
                ended.accept("the event stream ended");
            } catch (RuntimeException e) {
                ended.accept("the event stream ended: " + e.getMessage());
            }
        }, "plinth-events");
        reader.setDaemon(true);
        reader.start();
    }

    private Optional<String> token() throws IOException {
        try {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }
}
