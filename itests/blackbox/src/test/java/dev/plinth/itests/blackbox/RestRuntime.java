package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * A runtime of the unpacked archive running as a daemon with its REST API on a free port, and an HTTP client
 * for it: the admin token read from the home as {@code bin/plinth} does, a viewer token configured in
 * {@code etc/}.
 */
public final class RestRuntime implements AutoCloseable {

    public static final Duration BOUND = Duration.ofSeconds(60);
    public static final String VIEWER = "viewer-" + UUID.randomUUID();

    private final Plinth plinth;
    private final Plinth.Running running;
    private final int port;
    private final String admin;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private OpenApiContract contract;

    private RestRuntime(Plinth plinth, Plinth.Running running, int port, String admin) {
        this.plinth = plinth;
        this.running = running;
        this.port = port;
        this.admin = admin;
    }

    /** Unpacks the archive into {@code directory}, configures the REST API and starts the daemon. */
    public static RestRuntime start(Path directory, String restConfiguration) throws Exception {
        Plinth plinth = new Plinth(Distribution.unpack(directory));
        Files.writeString(plinth.home().resolve("etc/dev.plinth.rest.cfg.json"), restConfiguration);
        return start(plinth, freePort());
    }

    /** Starts the daemon on the home of {@code plinth}, its API on {@code port}. */
    public static RestRuntime start(Plinth plinth, int port) throws Exception {
        return start(plinth, port, "daemon");
    }

    /**
     * Starts {@code bin/plinth mode} on the home of {@code plinth}, its API on {@code port}; {@code batch} keeps
     * reading shell commands from the process's standard input until it is closed.
     */
    public static RestRuntime start(Plinth plinth, int port, String mode) throws Exception {
        return start(plinth, port, mode, null);
    }

    /**
     * Starts the daemon on the home of {@code plinth} without reading its admin token file (for homes where it
     * cannot be read); requests are sent with {@code token} in its place.
     */
    public static RestRuntime startWithToken(Plinth plinth, int port, String token) throws Exception {
        return start(plinth, port, "daemon", token);
    }

    private static RestRuntime start(Plinth plinth, int port, String mode, String token) throws Exception {
        // The modes that run commands leave the HTTP server off unless asked for it.
        plinth.env("PLINTH_OPTS", "-Dorg.osgi.service.http.port=" + port
                + (mode.equals("daemon") ? "" : " -Dorg.apache.felix.http.enable=true"));
        Plinth.Running running = plinth.start(mode);
        try {
            running.awaitReady();
            Path endpoint = plinth.home().resolve("data/rest/endpoint");
            await(() -> Files.isRegularFile(endpoint), "the REST API's endpoint file " + endpoint);
            String admin = token != null ? token
                    : Files.readString(plinth.home().resolve("data/rest/admin.token")).strip();
            return new RestRuntime(plinth, running, port, admin);
        } catch (Exception | AssertionError e) {
            running.kill();
            throw e;
        }
    }

    /** The configuration giving the test's viewer token and an upload limit. */
    public static String configuration(long uploadLimit) {
        return "{\"viewer.tokens\": [\"" + VIEWER + "\"], \"max.upload.bytes\": " + uploadLimit + "}";
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    public Plinth plinth() {
        return plinth;
    }

    public Path home() {
        return plinth.home();
    }

    public int port() {
        return port;
    }

    public String adminToken() {
        return admin;
    }

    public Plinth.Running process() {
        return running;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public Response get(String path) throws IOException, InterruptedException {
        return send(request(path, admin).GET());
    }

    public Response get(String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).GET());
    }

    public Response post(String path) throws IOException, InterruptedException {
        return send(request(path, admin).POST(BodyPublishers.noBody()));
    }

    public Response post(String path, String token, String contentType, BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, token).POST(body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request);
    }

    /** Uploads {@code jar} as the request body. */
    public Response upload(String path, Path jar) throws IOException, InterruptedException {
        return post(path, admin, "application/java-archive", BodyPublishers.ofFile(jar));
    }

    /** Uploads {@code jar} as the file part of a {@code multipart/form-data} request. */
    public Response uploadMultipart(String path, Path jar) throws IOException, InterruptedException {
        String boundary = "plinth-" + UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/java-archive\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(jar));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return post(path, admin, "multipart/form-data; boundary=" + boundary,
                BodyPublishers.ofByteArray(body.toByteArray()));
    }

    /** A GET with {@code authorization} as the whole Authorization header. */
    public Response send(String path, String authorization) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).timeout(BOUND).header("Authorization", authorization).GET());
    }

    public Response delete(String path) throws IOException, InterruptedException {
        return send(request(path, admin).DELETE());
    }

    public Response method(String method, String path, String token) throws IOException, InterruptedException {
        return send(request(path, token).method(method, BodyPublishers.noBody()));
    }

    public HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(BOUND);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    public HttpClient http() {
        return http;
    }

    /**
     * Sends the request; fails when the answer does not conform to the API's OpenAPI document (see
     * {@link OpenApiContract}), so that every answer a test sees checks the document too.
     */
    public Response send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        return checked(built, sendUnchecked(built));
    }

    /**
     * Sends the request, checked as {@link #send(HttpRequest.Builder)} does, on a connection of its own: for bodies
     * the server refuses before reading them (413, 415), after which it may close the connection under the next
     * request.
     */
    public Response sendAlone(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest built = request.build();
        HttpClient alone = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = alone.send(built, BodyHandlers.ofString());
        return checked(built, new Response(response.statusCode(), response.headers().map(), response.body()));
    }

    private Response checked(HttpRequest request, Response answer) throws IOException {
        List<String> violations = contract().violations(request.method(), request.uri(), answer);
        if (!violations.isEmpty()) {
            throw new AssertionError("the answer does not conform to /api/openapi.json: " + violations + "\n"
                    + answer);
        }
        return answer;
    }

    /**
     * Sends the request without checking the answer against the OpenAPI document: for polling while the API's
     * servlets are re-registered, when the HTTP server itself may answer (404 while no servlet serves the path).
     */
    public Response sendUnchecked(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
        return new Response(response.statusCode(), response.headers().map(), response.body());
    }

    /** The OpenAPI document of this runtime's REST bundle, as a contract its answers are checked against. */
    OpenApiContract contract() throws IOException {
        if (contract == null) {
            contract = OpenApiContract.of(plinth.home());
        }
        return contract;
    }

    /** Stops the daemon (SIGTERM) and waits for it to end. */
    @Override
    public void close() throws Exception {
        if (running.process.isAlive()) {
            running.signal("TERM");
        }
        running.await(Plinth.BOUND);
    }

    /** Waits until {@code condition} holds; fails after {@link #BOUND}. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no " + what + " within " + BOUND.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** An answer of the API. */
    public record Response(int status, Map<String, List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }

        public String contentType() {
            String type = header("Content-Type");
            return type == null ? null : type.split(";")[0].strip();
        }

        public JsonValue json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readValue();
            }
        }

        public JsonObject object() {
            return json().asJsonObject();
        }

        public JsonArray array() {
            return json().asJsonArray();
        }

        /** The problem's code; fails unless this is a problem of {@code status}. */
        public String problem(int expectedStatus) {
            if (status != expectedStatus || !"application/problem+json".equals(contentType())) {
                throw new AssertionError("expected a problem with status " + expectedStatus + ", got " + this);
            }
            JsonObject problem = object();
            if (problem.getInt("status") != expectedStatus || problem.getString("detail").isBlank()) {
                throw new AssertionError("malformed problem: " + this);
            }
            return problem.getString("code");
        }

        @Override
        public String toString() {
            return status + " " + contentType() + " " + body;
        }
    }
}
