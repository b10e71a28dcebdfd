package dev.plinth.rest.internal;

import java.io.IOException;
import java.util.List;

import org.osgi.service.log.Logger;

import dev.plinth.api.PluginException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * An endpoint of the API: routes a request by its path and query, and answers every failure as a problem: the manager's code and
 * message for a {@link PluginException}, the request's fault for an {@link ApiException}, 500 (logged) for the rest.
 * {@code HEAD} is answered as {@code GET} without the body; a 405 names the methods the path takes in {@code Allow}.
 * It serves only requests the {@link Authentication} let through, and is registered only while that runs: a request
 * that did not pass the token check gets 503 {@code API_CLOSED}.
 */
abstract class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Responses responses;
    private final transient Logger log;
    private final transient Authentication authentication;

    ApiServlet(Responses responses, Logger log, Authentication authentication) {
        this.responses = responses;
        this.log = log;
        this.authentication = authentication;
    }

    Responses responses() {
        return responses;
    }

    @Override
    protected final void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!authentication.passed(request)) {
            log.warn("refused {} {}: it did not pass the token check", request.getMethod(), request.getRequestURI());
            responses.problem(response, Authentication.notChecked());
            return;
        }
        HeadAsGet.serve(request, response, this::answer);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            route(request, response, Requests.segments(request.getPathInfo()), Query.parse(request.getQueryString()));
        } catch (ApiException e) {
            if (e.allow() != null && !response.isCommitted()) {
                response.setHeader("Allow", e.allow());
            }
            responses.problem(response, e.problem());
        } catch (PluginException e) {
            responses.problem(response, Problem.of(e));
        } catch (RuntimeException e) {
            log.error("{} {} failed", request.getMethod(), request.getRequestURI(), e);
            responses.problem(response, Problem.of(500, "INTERNAL_ERROR",
                    "the request failed unexpectedly; see data/log/plinth.log"));
        }
    }

    /**
     * Answers the request.
     *
     * @param path the segments of the path below the servlet's pattern
     * @param query the query parameters
     */
    abstract void route(HttpServletRequest request, HttpServletResponse response, List<String> path, Query query)
            throws ApiException, PluginException, IOException;
}
