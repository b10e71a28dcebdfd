package dev.plinth.framework.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.plinth.common.AtomicFiles;
import dev.plinth.framework.ExitStatus;

/**
 * {@code bin/plinth plugins|install|enable|disable|upgrade|rollback|remove|history|events}: talks to the runtime
 * running on the home through its REST API, with the home's admin token ({@code data/rest/admin.token}) at the
 * address the runtime wrote ({@code data/rest/endpoint}). Prints tables or, with {@code --json}, the API's JSON;
 * on failure prints the manager's message and exits with status 1. Before it sends the token it checks that the
 * program at that address is this home's runtime ({@link RuntimeIdentity}).
 *
 * <p>Usage: {@code PluginClient --data DATA_DIRECTORY COMMAND [ARGS...]}.
 */
public final class PluginClient {

    /** How long to wait for the API of a runtime that has just started (the HTTP server starts after ready). */
    private static final Duration ENDPOINT_WAIT = Duration.ofSeconds(30);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(10);

    private final PrintStream out;
    private final PrintStream err;

    PluginClient(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new PluginClient(System.out, System.err).run(Arrays.asList(args)));
    }

    int run(List<String> args) {
        if (args.size() < 2 || !args.get(0).equals("--data")) {
            err.println("plinth: usage: PluginClient --data DIRECTORY COMMAND [ARGS...]");
            return ExitStatus.USAGE.code();
        }
        ClientCommand command;
        try {
            command = ClientCommand.parse(args.subList(2, args.size()));
        } catch (IllegalArgumentException e) {
            err.println("plinth: " + e.getMessage());
            err.println(ClientCommand.USAGE);
            return ExitStatus.USAGE.code();
        }
        Path rest = Path.of(args.get(1)).resolve("rest");
        try {
            String endpoint = endpoint(rest.resolve("endpoint"));
            String token = adminToken(rest.resolve("admin.token"));
            Api api = new Api(URI.create(endpoint), token);
            RuntimeIdentity.verify(api.http, endpoint, token);
            return execute(command, api);
        } catch (RuntimeIdentity.NotThisRuntime e) {
            err.println("plinth: " + e.getMessage());
            return ExitStatus.HOME_IN_USE.code();
        } catch (UnexpectedAnswer e) {
            err.println("Error: " + e.getMessage());
            return ExitStatus.COMMAND_FAILED.code();
        } catch (Unreachable e) {
            err.println("plinth: " + e.getMessage());
            return ExitStatus.HOME_IN_USE.code();
        } catch (NoSuchFileException e) {
            err.println("plinth: no admin token at " + e.getFile() + "; is the REST API (dev.plinth.rest) installed?");
            return ExitStatus.HOME_IN_USE.code();
        } catch (ConnectException e) {
            err.println("plinth: the REST API does not answer: " + e.getMessage());
            return ExitStatus.HOME_IN_USE.code();
        } catch (IOException e) {
            err.println("Error: " + e.getMessage());
            return ExitStatus.COMMAND_FAILED.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.COMMAND_FAILED.code();
        }
    }

    /**
     * The admin token as the runtime reads it (UTF-8, a byte order mark and blanks around it left out); a file that
     * holds no token the runtime would accept is refused here, naming the file, before anything is sent.
     */
    static String adminToken(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String token;
        try {
            token = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString()
                    .replace("\uFEFF", "").strip();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new Unreachable(file + " does not hold a token (it is not UTF-8 text); the REST API stays closed "
                    + "until it does: see data/log/plinth.log");
        }
        if (token.isEmpty() || !token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new Unreachable(file + " does not hold a token (it is empty, or holds a line break, a blank, a "
                    + "control or non-ASCII character); the REST API stays closed until it does: see "
                    + "data/log/plinth.log");
        }
        return token;
    }

    private int execute(ClientCommand command, Api api) throws IOException, InterruptedException {
        HttpResponse<String> response;
        switch (command.verb()) {
            case "plugins" -> response = api.send(api.request("/api/plugins" + query("all", command.all())).GET());
            case "history" -> response = api.send(api.request("/api/history?limit=" + command.limit()).GET());
            case "events" -> {
                return events(command, api);
            }
            case "install" -> response = command.file() == null ? api.send(catalogInstall(api, command))
                    : api.send(upload(api, "/api/plugins" + query("enable", command.enable(),
                    "dryRun", command.dryRun()) + fileName(command.file()), command.file()));
            case "available" -> response = api.send(api.request("/api/catalog" + (command.id() == null ? ""
                    : "?filter=" + URLEncoder.encode(command.id(), StandardCharsets.UTF_8))).GET());
            case "outdated" -> response = api.send(api.request("/api/catalog/outdated").GET());
            case "update" -> response = api.send(api.request(command.all() ? "/api/catalog/update"
                    : "/api/catalog/" + command.id() + "/update" + query("dryRun", command.dryRun()))
                    .POST(BodyPublishers.noBody()));
            case "pin" -> response = api.send(api.request("/api/catalog/pins/" + command.id())
                    .PUT(BodyPublishers.noBody()));
            case "unpin" -> response = api.send(api.request("/api/catalog/pins/" + command.id()).DELETE());
            case "export" -> response = api.send(api.request("/api/catalog/export").GET());
            case "apply" -> {
                if (!Files.isRegularFile(command.file())) {
                    throw new IOException("no file " + command.file());
                }
                response = api.send(api.request("/api/catalog/apply" + query("dryRun", command.dryRun()))
                        .header("Content-Type", "application/json").POST(BodyPublishers.ofFile(command.file())));
            }
            case "upgrade" -> response = api.send(upload(api, "/api/plugins/" + command.id() + "/upgrade"
                    + query("dryRun", command.dryRun()) + fileName(command.file()), command.file()));
            case "remove" -> response = api.send(api.request("/api/plugins/" + command.id()
                    + query("cascade", command.cascade(), "dryRun", command.dryRun())).DELETE());
            default -> response = api.send(api.request("/api/plugins/" + command.id() + "/" + command.verb()
                    + query("cascade", command.cascade(), "dryRun", command.dryRun())).POST(BodyPublishers.noBody()));
        }
        if (response.statusCode() >= 300) {
            return failed(response.body(), response.statusCode());
        }
        if (command.verb().equals("export")) {
            return export(command, response.body());
        }
        if (command.json()) {
            out.println(response.body());
            return ExitStatus.OK.code();
        }
        try {
            return render(command, JsonText.parse(response.body()));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw UnexpectedAnswer.of(response.statusCode(), e);
        }
    }

    private int render(ClientCommand command, Object body) {
        switch (command.verb()) {
            case "plugins" -> out.println(ClientOutput.plugins(list(body)));
            case "history" -> out.println(ClientOutput.history(list(body)));
            case "available" -> out.println(ClientOutput.available(list(body)));
            case "outdated" -> out.println(ClientOutput.outdated(list(body)));
            case "pin", "unpin" -> out.println((Boolean.TRUE.equals(((Map<?, ?>) body).get("pinned")) ? "Pinned "
                    : "Unpinned ") + command.id() + ".");
            case "apply" -> out.println(ClientOutput.changes((Map<?, ?>) body, command.file().toString()));
            case "update" -> {
                if (command.all()) {
                    out.println(ClientOutput.updates(list(body)));
                    return list(body).stream().allMatch(r -> Boolean.TRUE.equals(((Map<?, ?>) r).get("updated")))
                            ? ExitStatus.OK.code() : ExitStatus.COMMAND_FAILED.code();
                }
                out.println(ClientOutput.outcome((Map<?, ?>) body));
            }
            default -> out.println(ClientOutput.outcome((Map<?, ?>) body));
        }
        return ExitStatus.OK.code();
    }

    private HttpRequest.Builder catalogInstall(Api api, ClientCommand command) {
        String[] name = command.id().split("@", 2);
        String version = name.length > 1 ? "&version=" + URLEncoder.encode(name[1], StandardCharsets.UTF_8) : "";
        return api.request("/api/catalog/" + name[0] + "/install" + query("enable", command.enable(), "dryRun",
                command.dryRun()) + version).POST(BodyPublishers.noBody());
    }

    private int export(ClientCommand command, String set) throws IOException {
        if (command.file() == null) {
            out.println(set.strip());
        } else {
            AtomicFiles.write(command.file(), (set.strip() + System.lineSeparator()).getBytes(StandardCharsets.UTF_8));
            err.println("Exported the plugin set to " + command.file() + ".");
        }
        return ExitStatus.OK.code();
    }

    private int events(ClientCommand command, Api api) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = api.http.send(api.request("/api/events").timeout(Duration.ofDays(365))
                .GET().build(), BodyHandlers.ofInputStream());
        if (response.statusCode() >= 300) {
            try (InputStream body = response.body()) {
                return failed(new String(body.readAllBytes(), StandardCharsets.UTF_8), response.statusCode());
            }
        }
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.equals(": subscribed")) {
                    err.println("Following plugin events; Ctrl-C stops.");
                } else if (line.startsWith("data:")) {
                    String data = line.substring("data:".length()).strip();
                    try {
                        out.println(command.json() ? data : ClientOutput.event((Map<?, ?>) JsonText.parse(data)));
                    } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
                        throw UnexpectedAnswer.of(response.statusCode(), e);
                    }
                    out.flush();
                }
            }
        }
        err.println("plinth: the runtime closed the event stream");
        return ExitStatus.OK.code();
    }

    private int failed(String body, int status) {
        String message = "the REST API answered " + status;
        try {
            if (JsonText.parse(body) instanceof Map<?, ?> problem && problem.get("detail") != null) {
                message = String.valueOf(problem.get("detail"));
            }
        } catch (IllegalArgumentException e) {
            // not a problem document: keep the status
        }
        err.println("Error: " + message);
        return ExitStatus.COMMAND_FAILED.code();
    }

    private HttpRequest.Builder upload(Api api, String path, Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no file " + jar);
        }
        return api.request(path).header("Content-Type", "application/java-archive")
                .POST(UploadProgress.of(jar, Terminal.isTerminal(), err));
    }

    private static String fileName(Path jar) {
        String separator = "&";
        return separator + "filename=" + URLEncoder.encode(jar.getFileName().toString(), StandardCharsets.UTF_8);
    }

    /** {@code ?name=true&...} for the flags that are set, always starting the query so that more can follow. */
    private static String query(Object... flags) {
        List<String> set = new ArrayList<>();
        for (int i = 0; i < flags.length; i += 2) {
            if (Boolean.TRUE.equals(flags[i + 1])) {
                set.add(flags[i] + "=true");
            }
        }
        return "?" + String.join("&", set);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object body) {
        return (List<Object>) body;
    }

    private static String endpoint(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + ENDPOINT_WAIT.toNanos();
        while (!Files.isRegularFile(file)) {
            if (System.nanoTime() - deadline > 0) {
                throw new Unreachable("the runtime has no REST API endpoint (" + file + ") after "
                        + ENDPOINT_WAIT.toSeconds() + " s; see data/log/plinth.log");
            }
            Thread.sleep(50);
        }
        String endpoint = Files.readString(file, StandardCharsets.UTF_8).strip();
        URI uri;
        try {
            uri = URI.create(endpoint);
        } catch (IllegalArgumentException e) {
            uri = URI.create("unreadable:/");
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new Unreachable(file + " names no HTTP address (" + endpoint + "); restart Plinth: bin/plinth restart");
        }
        return endpoint;
    }

    /** The API and how to call it. */
    private static final class Api {

        private final URI base;
        private final String token;
        private final HttpClient http;

        Api(URI base, String token) {
            this.base = base;
            this.token = token;
            this.http = PlainHttp.client(base, Duration.ofSeconds(10));
        }

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT)
                    .header("Authorization", "Bearer " + token);
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return http.send(request.build(), BodyHandlers.ofString());
        }
    }

    /** The API answered with a document of another shape than this client reads. */
    private static final class UnexpectedAnswer extends IOException {

        private static final long serialVersionUID = 1L;

        UnexpectedAnswer(String message) {
            super(message);
        }

        static UnexpectedAnswer of(int status, RuntimeException cause) {
            String what = cause instanceof IllegalArgumentException && cause.getMessage() != null
                    ? cause.getMessage() : "a JSON document of another shape";
            return new UnexpectedAnswer("the REST API answered " + status + " with something this client cannot read ("
                    + what + "); try --json to see it");
        }
    }

    /** The runtime's API cannot be reached. */
    private static final class Unreachable extends IOException {

        private static final long serialVersionUID = 1L;

        Unreachable(String message) {
            super(message);
        }
    }
}
