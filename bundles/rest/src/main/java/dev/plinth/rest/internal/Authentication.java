package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.servlet.whiteboard.Preprocessor;

import jakarta.json.spi.JsonProvider;
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
 */
@Component(service = Preprocessor.class, configurationPid = RestConfiguration.PID, immediate = true)
public final class Authentication implements Preprocessor {

    private static final Set<String> READING = Set.of("GET", "HEAD");

    private final Tokens tokens;
    private final Responses responses;
    private final Logger log;

    @Activate
    public Authentication(BundleContext context, RestConfiguration config, @Reference JsonProvider json,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.log = log;
        this.responses = new Responses(new Json(json));
        AdminTokenFile adminFile = new AdminTokenFile(adminFile(context, config));
        this.tokens = new Tokens(adminFile.readOrCreate(), viewers(config, log));
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        if (EndpointProof.PATH.equals(http.getRequestURI())) {
            chain.doFilter(request, response);
            return;
        }
        Access access = tokens.check(http.getHeader("Authorization"));
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
            if (token.length() < Tokens.MINIMUM_LENGTH) {
                log.warn("viewer token number {} is shorter than {} characters and is ignored", i + 1,
                        Tokens.MINIMUM_LENGTH);
            } else {
                viewers.add(token);
            }
        }
        return viewers;
    }
}
