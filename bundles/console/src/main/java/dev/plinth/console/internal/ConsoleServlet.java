package dev.plinth.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the console's files: {@code /console} is sent on to {@code /console/}, which is {@code index.html}, and
 * {@code /console/assets/...} are the assets. Only {@code GET} and {@code HEAD} (405 otherwise); an unknown path is a
 * 404. Every answer carries the {@link SecurityHeaders}; files carry a strong {@code ETag} (304 on a matching
 * {@code If-None-Match}) and go gzip-encoded to clients that take it. The files are read at the first request, not
 * while the runtime starts.
 */
final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<ConsoleFiles> files;

    /** @param files gives the console's files; called at every request, so it should hand out one set it keeps */
    ConsoleServlet(Supplier<ConsoleFiles> files) {
        this.files = files;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        SecurityHeaders.apply(response);
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "the console takes GET and HEAD only", false);
            return;
        }
        if (request.getPathInfo() == null) {
            response.setHeader("Location", request.getContextPath() + request.getServletPath() + "/");
            response.setStatus(HttpServletResponse.SC_FOUND);
            return;
        }
        StaticFile file = files.get().get(ConsolePaths.fileName(request.getPathInfo()));
        if (file == null) {
            text(response, HttpServletResponse.SC_NOT_FOUND, "no such file in the console", head);
            return;
        }
        send(request, response, file, head);
    }

    private static void send(HttpServletRequest request, HttpServletResponse response, StaticFile file, boolean head)
            throws IOException {
        boolean gzip = file.gzip() != null && AcceptEncoding.allowsGzip(request.getHeader("Accept-Encoding"));
        String etag = gzip ? file.gzipEtag() : file.etag();
        if (file.gzip() != null) {
            response.setHeader("Vary", "Accept-Encoding");
        }
        response.setHeader("ETag", etag);
        if (EntityTags.matches(request.getHeader("If-None-Match"), etag)) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        byte[] body = gzip ? file.gzip() : file.bytes();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(file.type());
        if (gzip) {
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }

    private static void text(HttpServletResponse response, int status, String message, boolean head)
            throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }
}
