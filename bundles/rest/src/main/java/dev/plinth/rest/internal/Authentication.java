package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * Lets through only requests with a known bearer token, before any servlet is chosen: the management API and the
 * plugins' routes alike, all but the identity proof ({@link EndpointProof}), which needs none. Viewer tokens may only read ({@code GET}, {@code HEAD}). Tokens are never logged.
 * Immediate, so that the admin token exists from the first start on, before the HTTP server listens.
 * <p>
 * It fails closed. A change of configuration swaps the tokens in one step ({@link Modified}), so that the check
 * is never away meanwhile. When the admin token file cannot be read, the check stays registered and refuses
 * every request with 503 {@code API_CLOSED} ({@code GET /api/health} answers {@code "status": "failed"}), and the
 * log names the file and says why; the file is left as it is. The API's own servlets depend on this service and
 * serve only requests it let through ({@link #passed}).
 */
@Component(service = Authentication.class, configurationPid = RestConfiguration.PID,
        immediate = true)
public final class Authentication implements Preprocessor {

    /** The code of the answer to every request while the check cannot run. */
    static final String CLOSED = "API_CLOSED";
    private static final Set<String> READING = Set.of("GET", "HEAD");
    private static final String HEALTH = "/api/health";

    private final BundleContext context;
    private final Responses responses;
    private final Logger log;
    private volatile Check check;

    @Activate
    public Authentication(BundleContext context, RestConfiguration config, @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.log = log;
        this.responses = new Responses(new Json());
        this.check = check(config);
    }

    /** Takes the new configuration's tokens without ever leaving requests unchecked. */
    @Modified
    void modified(RestConfiguration config) {
        this.check = check(config);
    }

    /**
     * True when this check let the request through with access to its method: what the API's servlets ask before
     * they serve, so that a request that did not pass the check (no check, or another path in) is refused.
     */
    boolean passed(HttpServletRequest request) {
        Object access = request.getAttribute(Access.ATTRIBUTE);
        return access == Access.ADMIN || access == Access.VIEWER && READING.contains(request.getMethod());
    }

    /** The answer of the API's servlets to a request that did not pass the check. */
    static Problem notChecked() {
        return Problem.of(503, CLOSED, "the REST API is closed: its token check is not running; "
                + "see data/log/plinth.log");
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        Check current = check;
        if (current.tokens() == null) {
            closed(http, answer, current.failure());
            return;
        }
        if (EndpointProof.PATH.equals(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        Access access = current.tokens().check(http.getHeader("Authorization"));
        switch (access) {
            case MISSING -> refuse(answer, Problem.of(401, "MISSING_TOKEN",
                    "this API needs an Authorization: Bearer <token> header"), http);
            case WRONG -> refuse(answer, Problem.of(401, "INVALID_TOKEN", "the bearer token is not valid"), http);
            case VIEWER -> {
                if (READING.contains(http.getMethod())) {
                    pass(http, answer, chain, access);
                } else {
                    refuse(answer, Problem.of(403, "READ_ONLY",
                            "a viewer token may only read; " + http.getMethod() + " needs the admin token"), http);
                }
            }
            case ADMIN -> pass(http, answer, chain, access);
        }
    }

    private static void pass(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Access access)
            throws IOException, ServletException {
        request.setAttribute(Access.ATTRIBUTE, access);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletResponse response, Problem problem, HttpServletRequest request) throws IOException {
        log.debug("refused {} {} from {}: {}", request.getMethod(), request.getRequestURI(), request.getRemoteAddr(),
                problem.code());
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
        Path file = adminFile(context, config);
        try {
            return new Check(new Tokens(new AdminTokenFile(file).readOrCreate(), viewers(config, log)), null);
        } catch (AdminTokenFile.Unreadable e) {
            log.error("The REST API is closed: {}. It answers every request with 503 until the file holds the "
                    + "token (or is removed, for a new one) and Plinth is restarted. The file is left as it is.",
                    e.getMessage());
            return new Check(null, "the admin token file cannot be read (" + e.reason() + ")");
        } catch (IOException | RuntimeException e) {
            log.error("The REST API is closed: the admin token file {} cannot be made: {}. It answers every "
                    + "request with 503 until Plinth is restarted with a writable data directory.", file,
                    e.toString());
            return new Check(null, "the admin token file cannot be made");
        }
    }

    static Path adminFile(BundleContext context, RestConfiguration config) {
        if (!config.admin_token_file().isBlank()) {
            return Path.of(config.admin_token_file());
        }
        return RestData.folder(context).resolve("admin.token");
    }

    private static List<String> viewers(RestConfiguration config, Logger log) {
        List<String> viewers = new ArrayList<>();
        String[] configured = config.viewer_tokens() == null ? new String[0] : config.viewer_tokens();
        for (int i = 0; i < configured.length; i++) {
            String token = configured[i] == null ? "" : configured[i].strip();
            if (Tokens.isDigest(token)) {
                viewers.add(token);
            } else if (Tokens.looksLikeDigest(token)) {
                log.warn("viewer token number {} begins with {} but is not a sha-256 digest (64 hex digits) and is "
                        + "ignored", i + 1, Tokens.DIGEST_PREFIX);
            } else if (token.length() < Tokens.MINIMUM_LENGTH) {
                log.warn("viewer token number {} is shorter than {} characters and is ignored", i + 1,
                        Tokens.MINIMUM_LENGTH);
            } else {
                log.info("viewer token number {} is configured in clear, and so is kept in the framework's "
                        + "configuration cache; configure its digest instead (sha256:<hex>, see docs/rest.md)",
                        i + 1);
                viewers.add(token);
            }
        }
        return viewers;
    }

    /**
     * What the check does now: the tokens, or why it cannot run.
     *
     * @param tokens the tokens, null when they cannot be read
     * @param failure why not, for the answer to clients (names no file)
     */
    private record Check(Tokens tokens, String failure) {
    }
}
