package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.Preprocessor;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Lets through only requests with a known bearer token or the cookie of a live console session, before any servlet is
 * chosen: the management API and the plugins' routes alike. What passes without credentials: the identity proof
 * ({@link EndpointProof}), signing in ({@link SessionEndpoint}), {@code GET} and {@code HEAD} of the console's static
 * files under {@code /console}, and {@code GET /api/health}, which then tells its status only. Viewer tokens (and
 * their sessions) may only read ({@code GET}, {@code HEAD}); every request made with the session cookie needs the CSRF
 * header ({@link CsrfCheck}). The request carries who it was let through for as a {@link Principal}. Every answer
 * gets {@code X-Content-Type-Options: nosniff}, and every answer but the console's files is {@link #inert}. Tokens
 * and session ids are never logged.
 * Immediate, so that the admin token exists from the first start on, before the HTTP server listens.
 * <p>
 * Signing in and every request made with the cookie must name a host the console is reached by ({@link HostCheck}).
 * <p>
 * It fails closed. A change of configuration is read and checked whole ({@link RestSettings}) and then swaps the
 * tokens in one step ({@link Modified}), so that the check is never away meanwhile, and ends the sessions of tokens
 * taken away. When the configuration cannot be read or the admin token file cannot be read, the check stays
 * registered and refuses every request with 503 {@code API_CLOSED} ({@code GET /api/health} answers
 * {@code "status": "failed"}), every session ends, and the log says why (naming a setting or the file, never a
 * value); the file is left as it is. The API's own servlets depend on this service and serve only requests it let
 * through ({@link #passed}).
 */
@Component(service = Authentication.class, configurationPid = RestConfiguration.PID,
        immediate = true)
public final class Authentication implements Preprocessor {

    /** The code of the answer to every request while the check cannot run. */
    static final String CLOSED = "API_CLOSED";
    static final String HEALTH = "/api/health";
    /** The request attribute under which a request made with the session cookie carries the session's id. */
    static final String SESSION = Authentication.class.getName() + ".session";
    private static final Set<String> READING = Set.of("GET", "HEAD");
    /** The policy of every answer but the console's files ({@link #inert}). */
    static final String INERT_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
    private static final Pattern CONSOLE = Pattern.compile("/console(?:/(?!\\.\\.?(?:/|$))[A-Za-z0-9._~-]*)*");

    private final BundleContext context;
    private final Responses responses;
    private final Logger log;
    private final Sessions sessions;
    private final SessionEndpoint sessionEndpoint;
    private volatile Check check;

    @Activate
    public Authentication(BundleContext context, RestConfiguration config, @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.log = log;
        this.responses = new Responses(new Json());
        this.sessions = new Sessions(Clock.systemUTC(), Duration.ofMinutes(30), Duration.ofHours(12));
        this.sessionEndpoint = new SessionEndpoint(sessions, responses, new SignInLimit(Clock.systemUTC(),
                (address, failures) -> log.warn("{} failed sign-ins from {} within a minute: its sign-ins are "
                        + "refused (429) until the minute is over", failures, address)));
        this.check = check(config);
    }

    /**
     * Takes the new configuration's tokens without ever leaving requests unchecked, once all of it has been read;
     * ends sessions of tokens gone (all of them when the API closes).
     */
    @Modified
    void modified(RestConfiguration config) {
        Check next = check(config);
        this.check = next;
        sessions.retain(next.tokens() == null ? Set.of() : next.tokens().keys());
    }

    /** The console's sessions. */
    Sessions sessions() {
        return sessions;
    }

    /**
     * True when this check let the request through with access to its method: what the API's servlets ask before
     * they serve, so that a request that did not pass the check (no check, or another path in) is refused.
     */
    boolean passed(HttpServletRequest request) {
        Object access = request.getAttribute(Access.ATTRIBUTE);
        return access == Access.ADMIN || access == Access.VIEWER && READING.contains(request.getMethod())
                || access == Access.PUBLIC && READING.contains(request.getMethod())
                        && HEALTH.equals(request.getRequestURI());
    }

    /** The answer of the API's servlets to a request that did not pass the check. */
    static Problem notChecked() {
        return Problem.of(503, CLOSED, "the REST API is closed: its token check is not running; "
                + "see data/log/plinth.log");
    }

    /**
     * Makes an answer inert as a document: opened or framed, it runs nothing and loads nothing, and no page may frame
     * it. Every answer but the console's files (which carry the console's own policy): an API answer of the console's
     * origin without a policy, framed by code in the console's page (a trusted plugin's), would run scripts from
     * elsewhere there.
     */
    static void inert(HttpServletResponse answer) {
        answer.setHeader("X-Content-Type-Options", "nosniff");
        answer.setHeader("Content-Security-Policy", INERT_POLICY);
        answer.setHeader("X-Frame-Options", "DENY");
    }

    /** True for {@code GET} and {@code HEAD} of the console's static files, which need no credentials. */
    static boolean consoleAsset(HttpServletRequest request) {
        return READING.contains(request.getMethod()) && CONSOLE.matcher(request.getRequestURI()).matches();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        boolean console = consoleAsset(http);
        if (console) {
            answer.setHeader("X-Content-Type-Options", "nosniff");
        } else {
            inert(answer);
        }
        Check current = check;
        if (current.tokens() == null) {
            closed(http, answer, current.failure());
            return;
        }
        String path = http.getRequestURI();
        if (EndpointProof.PATH.equals(path) || console) {
            chain.doFilter(request, response);
            return;
        }
        if (SessionEndpoint.PATH.equals(path)) {
            if (hostRefused(http, answer, current)) {
                return;
            }
            sessionEndpoint.serve(http, answer, current.tokens(), current.allowed());
            return;
        }
        String authorization = http.getHeader("Authorization");
        List<String> cookies = Tokens.isBearer(authorization) ? List.of() : SessionCookie.read(http);
        Principal principal;
        if (Tokens.isBearer(authorization)) {
            Credential credential = current.tokens().ofHeader(authorization);
            if (credential == null) {
                refuse(answer, Problem.of(401, "INVALID_TOKEN", "the bearer token is not valid"), http);
                return;
            }
            principal = new Principal(credential.name(), credential.role(), Principal.REST);
        } else if (!cookies.isEmpty()) {
            if (hostRefused(http, answer, current)) {
                return;
            }
            Sessions.Session session = sessions.first(cookies, CsrfCheck.presented(http));
            if (session == null) {
                refuse(answer, SessionEndpoint.invalidSession().problem(), http);
                return;
            }
            String refusal = CsrfCheck.refusal(http, session.csrf(), current.allowed());
            if (refusal != null) {
                refuse(answer, Problem.of(403, "CSRF_REFUSED", refusal), http);
                return;
            }
            // Only a request that passed every check counts as use: refused ones do not keep a session alive.
            session = sessions.use(session.id());
            if (session == null) {
                refuse(answer, SessionEndpoint.invalidSession().problem(), http);
                return;
            }
            principal = new Principal(session.credential().name(), session.credential().role(), Principal.CONSOLE);
            http.setAttribute(SESSION, session.id());
        } else if (HEALTH.equals(path) && READING.contains(http.getMethod())) {
            http.setAttribute(Access.ATTRIBUTE, Access.PUBLIC);
            chain.doFilter(request, response);
            return;
        } else {
            refuse(answer, Problem.of(401, "MISSING_TOKEN",
                    "this API needs an Authorization: Bearer <token> header or a session cookie"), http);
            return;
        }
        if (principal.role() == Principal.Role.VIEWER && !READING.contains(http.getMethod())) {
            refuse(answer, Problem.of(403, "READ_ONLY",
                    "a viewer token may only read; " + http.getMethod() + " needs the admin token"), http);
            return;
        }
        http.setAttribute(Access.ATTRIBUTE, principal.role().access());
        http.setAttribute(Principal.ATTRIBUTE, principal);
        chain.doFilter(request, response);
    }

    private boolean hostRefused(HttpServletRequest request, HttpServletResponse response, Check current)
            throws IOException {
        String refusal = HostCheck.refusal(request, current.allowed());
        if (refusal != null) {
            refuse(response, Problem.of(403, "HOST_REFUSED", refusal), request);
        }
        return refusal != null;
    }

    private void refuse(HttpServletResponse response, Problem problem, HttpServletRequest request) throws IOException {
        log.debug("refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                problem.code());
        Requests.closeUnread(request, response);
        responses.problem(response, problem);
    }

    /** The health while the API is closed. */
    record ClosedHealth(String status, boolean ready, String reason) {
    }

    /** Every request while the tokens cannot be read: the health says failed, anything else is refused. */
    private void closed(HttpServletRequest request, HttpServletResponse response, String failure) throws IOException {
        String reason = "the REST API is closed: " + failure + "; see data/log/plinth.log";
        if (HEALTH.equals(request.getRequestURI()) && READING.contains(request.getMethod())) {
            responses.send(response, 503, new ClosedHealth("failed", false, reason));
            return;
        }
        refuse(response, Problem.of(503, CLOSED, reason), request);
    }

    private Check check(RestConfiguration config) {
        RestSettings settings;
        try {
            settings = RestSettings.read(config);
        } catch (RestSettings.Unusable e) {
            log.error("The REST API is closed: its configuration ({}) cannot be used: {}. It answers every request "
                    + "with 503 until a configuration that can be used comes; every session has ended.",
                    RestConfiguration.PID, e.getMessage());
            return new Check(null, "its configuration cannot be used (" + e.getMessage() + ")", AllowedHosts.none());
        }
        sessions.limits(settings.idle(), settings.max());
        Path file = adminFile(context, settings.adminTokenFile());
        try {
            return new Check(new Tokens(new AdminTokenFile(file).readOrCreate(),
                    ViewerTokens.parse(settings.viewerTokens(), log::warn, log::info)), null, settings.allowedHosts());
        } catch (AdminTokenFile.Unreadable e) {
            log.error("The REST API is closed: {}. It answers every request with 503 until the file holds the "
                    + "token (or is removed, for a new one) and Plinth is restarted. The file is left as it is.",
                    e.getMessage());
            return new Check(null, "the admin token file cannot be read (" + e.reason() + ")", AllowedHosts.none());
        } catch (IOException | RuntimeException e) {
            log.error("The REST API is closed: the admin token file {} cannot be made: {}. It answers every "
                    + "request with 503 until Plinth is restarted with a writable data directory.", file,
                    e.toString());
            return new Check(null, "the admin token file cannot be made", AllowedHosts.none());
        }
    }

    static Path adminFile(BundleContext context, RestConfiguration config) {
        return adminFile(context, config.admin_token_file());
    }

    static Path adminFile(BundleContext context, String configured) {
        if (!configured.isBlank()) {
            return Path.of(configured);
        }
        return RestData.folder(context).resolve("admin.token");
    }

    /**
     * What the check does now: the tokens, or why it cannot run.
     *
     * @param tokens the tokens, null when they cannot be read
     * @param failure why not, for the answer to clients (names no file)
     * @param allowed the configured {@code allowed.hosts}
     */
    private record Check(Tokens tokens, String failure, AllowedHosts allowed) {
    }
}
