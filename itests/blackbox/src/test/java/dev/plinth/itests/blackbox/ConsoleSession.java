package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;

import dev.plinth.itests.blackbox.RestRuntime.Response;
import jakarta.json.Json;
import jakarta.json.JsonObject;

/**
 * A session of the console's kind opened over HTTP ({@code POST /api/session} with a token), and requests sent with
 * its cookie, with or without its CSRF header (which every request made with the cookie needs, reads too), as a
 * browser would send them.
 */
public record ConsoleSession(RestRuntime rest, String cookie, String csrf, JsonObject document) {

    public static final String COOKIE = "plinth-session";

    /** Signs in with {@code token}; fails unless the API answers 200 with a session cookie. */
    public static ConsoleSession open(RestRuntime rest, String token) throws IOException, InterruptedException {
        Response answer = rest.send(rest.request("/api/session", null).header("Content-Type", "application/json")
                .POST(BodyPublishers.ofString(Json.createObjectBuilder().add("token", token).build().toString())));
        if (answer.status() != 200) {
            throw new AssertionError("sign-in refused: " + answer);
        }
        String cookie = cookieOf(answer);
        if (cookie == null || cookie.isEmpty()) {
            throw new AssertionError("no " + COOKIE + " cookie set: " + answer.headers());
        }
        return new ConsoleSession(rest, cookie, answer.object().getString("csrf"), answer.object());
    }

    /** The value of the session cookie an answer sets, or null. */
    public static String cookieOf(Response answer) {
        return answer.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(entry -> entry.getValue().stream()).filter(value -> value.startsWith(COOKIE + "="))
                .map(value -> value.substring(COOKIE.length() + 1).split(";", 2)[0]).findFirst().orElse(null);
    }

    /** The {@code Set-Cookie} header of the session cookie an answer sets, or null. */
    public static String setCookie(Response answer) {
        return answer.headers().entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase("Set-Cookie"))
                .flatMap(entry -> entry.getValue().stream()).filter(value -> value.startsWith(COOKIE + "="))
                .findFirst().orElse(null);
    }

    /** A request of {@code path} carrying the session cookie (and nothing else). */
    public HttpRequest.Builder request(String path) {
        return withCookie(rest, path, cookie);
    }

    /** A request of {@code path} carrying {@code cookie} as the session cookie. */
    public static HttpRequest.Builder withCookie(RestRuntime rest, String path, String cookie) {
        return rest.request(path, null).header("Cookie", COOKIE + "=" + cookie);
    }

    /** A GET with the cookie and the session's CSRF header, as the console sends every request. */
    public Response get(String path) throws IOException, InterruptedException {
        return rest.send(request(path).header("X-Plinth-CSRF", csrf).GET());
    }

    /** A POST with the cookie and the session's CSRF header, as the console sends it. */
    public Response post(String path) throws IOException, InterruptedException {
        return rest.send(request(path).header("X-Plinth-CSRF", csrf).POST(BodyPublishers.noBody()));
    }

    /** A POST with the cookie but without the CSRF header, as a forged cross-site form would send it. */
    public Response postWithoutCsrf(String path) throws IOException, InterruptedException {
        return rest.send(request(path).POST(BodyPublishers.noBody()));
    }
}
