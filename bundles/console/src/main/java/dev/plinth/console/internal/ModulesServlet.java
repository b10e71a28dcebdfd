package dev.plinth.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.plinth.common.json.JsonDocuments;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /api/console/modules}: the {@link ModuleList}, never cached. It is under {@code /api/}, so the REST API's
 * token check runs before it; it answers only requests that check let through (a viewer or the admin, by token or
 * session), which it reads from the request attribute the check sets, and refuses every other (503 when the check is
 * not running: it fails closed).
 */
final class ModulesServlet extends HttpServlet {

    /** The path, an exact servlet pattern (which wins over the REST API's {@code /api/*}). */
    static final String PATH = "/api/console/modules";
    /** The request attribute the REST API's token check sets on a request it lets through (its access). */
    static final String ACCESS = "dev.plinth.rest.internal.Access";
    private static final Set<String> PASSED = Set.of("VIEWER", "ADMIN");
    private static final long serialVersionUID = 1L;

    private final transient Supplier<ModuleList> modules;

    ModulesServlet(Supplier<ModuleList> modules) {
        this.modules = modules;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        Object access = request.getAttribute(ACCESS);
        if (access == null || !PASSED.contains(access.toString())) {
            problem(response, 503, "API_CLOSED", "the console's module list is served only behind the REST API's "
                    + "token check, which did not let this request through");
            return;
        }
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            problem(response, 405, "METHOD_NOT_ALLOWED", PATH + " takes GET and HEAD only");
            return;
        }
        response.setStatus(200);
        response.setContentType("application/json");
        FileAnswers.body(response, JsonDocuments.compact(modules.get()).getBytes(StandardCharsets.UTF_8),
                "HEAD".equals(method));
    }

    /** An error as the REST API writes its problems. */
    record Problem(int status, String code, String message, List<String> details) {
    }

    private static void problem(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        FileAnswers.body(response, JsonDocuments.compact(new Problem(status, code, message, List.of()))
                .getBytes(StandardCharsets.UTF_8), false);
    }
}
