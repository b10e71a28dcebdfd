package dev.plinth.rest.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;

import dev.plinth.common.json.JsonDocuments;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code /api/session}, answered by the token check itself (signing in needs no other credentials): {@code POST}
 * signs in with a token and sets the session cookie, which lives until the session's end however much it is used
 * (the idle time is enforced here alone), within the client address's limit of failed sign-ins ({@link SignInLimit});
 * {@code GET} describes the cookie's session and {@code DELETE} ends it, both with the CSRF header ({@link CsrfCheck}).
 * The cookie carries the sessions of several browser tabs ({@link SessionCookie}): signing in puts the new session
 * first and keeps the request's other live sessions (the oldest dropped beyond {@link SessionCookie#MAX_IDS}),
 * signing out keeps the others, and the cookie lives until the latest end among them.
 */
final class SessionEndpoint {

    /** The path of the endpoint. */
    static final String PATH = "/api/session";
    /** The largest sign-in body. */
    static final int MAX_BODY_BYTES = 4096;

    private final Sessions sessions;
    private final Responses responses;
    private final SignInLimit limit;

    /**
     * What the endpoint answers about a session.
     *
     * @param name the name of the token it was made with
     * @param role {@code admin} or {@code viewer}
     * @param csrf the value of the {@code X-Plinth-CSRF} header its changes need
     * @param expires when it ends unless it is used before (ISO-8601)
     */
    record SessionDocument(String name, String role, String csrf, String expires) {
    }

    SessionEndpoint(Sessions sessions, Responses responses, SignInLimit limit) {
        this.sessions = sessions;
        this.responses = responses;
        this.limit = limit;
    }

    /** Answers a request to {@link #PATH} with the tokens {@code tokens}. */
    void serve(HttpServletRequest request, HttpServletResponse response, Tokens tokens, AllowedHosts allowed)
            throws IOException {
        HeadAsGet.serve(request, response, (asked, answer) -> answer(asked, answer, tokens, allowed));
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, Tokens tokens,
            AllowedHosts allowed) throws IOException {
        try {
            Query.parse(request.getQueryString()).only(Set.of());
            switch (request.getMethod()) {
                case "POST" -> signIn(request, response, tokens);
                case "GET" -> describe(request, response, allowed);
                case "DELETE" -> signOut(request, response, allowed);
                default -> throw Requests.notAllowed(request.getMethod(), "GET", "POST", "DELETE");
            }
        } catch (ApiException e) {
            if (e.allow() != null && !response.isCommitted()) {
                response.setHeader("Allow", e.allow());
            }
            Requests.closeUnread(request, response);
            responses.problem(response, e.problem());
        }
    }

    private void signIn(HttpServletRequest request, HttpServletResponse response, Tokens tokens)
            throws ApiException, IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).split(";")[0].strip().equals(Responses.JSON)) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "signing in takes application/json: "
                    + "{\"token\": \"...\"}");
        }
        String token = token(Requests.body(request, MAX_BODY_BYTES));
        String address = String.valueOf(request.getRemoteAddr());
        Credential credential = tokens.of(token);
        long wait = limit.waitSeconds(address);
        // The admin token (256 random bits) cannot be guessed at any rate: a process flooding failed sign-ins from
        // this host must not keep the admin out; the limit protects the viewer tokens, which may be short.
        if (wait > 0 && (credential == null || credential.role() != Principal.Role.ADMIN)) {
            response.setHeader("Retry-After", Long.toString(wait));
            throw new ApiException(429, "TOO_MANY_ATTEMPTS", "too many failed sign-ins from this address; "
                    + "try again in " + wait + " s");
        }
        if (credential == null) {
            limit.failed(address);
            throw new ApiException(401, "INVALID_TOKEN", "the token is not valid");
        }
        Sessions.Session session = sessions.create(credential);
        List<Sessions.Session> carried = new ArrayList<>(List.of(session));
        sessions.live(SessionCookie.read(request)).stream().filter(other -> !other.id().equals(session.id()))
                .forEach(carried::add);
        response.addHeader("Set-Cookie", cookie(carried, request.isSecure()));
        responses.send(response, 200, document(session));
    }

    private void describe(HttpServletRequest request, HttpServletResponse response, AllowedHosts allowed)
            throws ApiException, IOException {
        responses.send(response, 200, document(checked(request, allowed)));
    }

    private void signOut(HttpServletRequest request, HttpServletResponse response, AllowedHosts allowed)
            throws ApiException, IOException {
        Sessions.Session session = checked(request, allowed);
        sessions.end(session.id());
        response.setStatus(204);
        response.setHeader("Cache-Control", "no-store");
        response.addHeader("Set-Cookie", cookie(sessions.live(SessionCookie.read(request)), request.isSecure()));
    }

    /**
     * The {@code Set-Cookie} value carrying the first {@link SessionCookie#MAX_IDS} of {@code carried} until the
     * latest end among them; the one that clears the cookie when there are none.
     */
    private String cookie(List<Sessions.Session> carried, boolean secure) {
        List<Sessions.Session> kept = carried.subList(0, Math.min(carried.size(), SessionCookie.MAX_IDS));
        if (kept.isEmpty()) {
            return SessionCookie.clear(secure);
        }
        Instant end = kept.stream().map(Sessions.Session::ends).max(Comparator.naturalOrder()).orElseThrow();
        return SessionCookie.set(kept.stream().map(Sessions.Session::id).toList(), sessions.secondsLeft(end), secure);
    }

    private Sessions.Session checked(HttpServletRequest request, AllowedHosts allowed) throws ApiException {
        Sessions.Session session = session(request);
        String refusal = CsrfCheck.refusal(request, session.csrf(), allowed);
        if (refusal != null) {
            throw new ApiException(403, "CSRF_REFUSED", refusal);
        }
        Sessions.Session used = sessions.use(session.id());
        if (used == null) {
            throw invalidSession();
        }
        return used;
    }

    private Sessions.Session session(HttpServletRequest request) throws ApiException {
        List<String> ids = SessionCookie.read(request);
        if (ids.isEmpty()) {
            throw new ApiException(401, "MISSING_TOKEN", "no session: sign in with POST " + PATH);
        }
        Sessions.Session session = sessions.first(ids, CsrfCheck.presented(request));
        if (session == null) {
            throw invalidSession();
        }
        return session;
    }

    /** The answer to a cookie of no live session. */
    static ApiException invalidSession() {
        return new ApiException(401, "INVALID_SESSION", "the session has ended or is unknown; sign in again");
    }

    private static String token(String body) throws ApiException {
        JsonNode root;
        try {
            root = JsonDocuments.mapper().reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).readTree(body);
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not JSON: {\"token\": \"...\"}");
        }
        if (root == null || !root.isObject() || root.size() != 1 || !root.path("token").isTextual()
                || root.path("token").asText().isEmpty()) {
            throw ApiException.badRequest("the body must be {\"token\": \"...\"}, the token as text and nothing else");
        }
        return root.path("token").asText();
    }

    private SessionDocument document(Sessions.Session session) {
        return new SessionDocument(session.credential().name(), session.credential().role().label(), session.csrf(),
                session.expires().toString());
    }
}
