package dev.plinth.console.internal;

import java.io.IOException;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Serves the console's files: {@code /console} is sent on to {@code /console/}, which is {@code index.html},
 * {@code /console/assets/...} are the assets and {@code /console/sdk/1.0.0/...} the console SDK's files; plugins'
 * files and frames ({@code /console/plugins/...}, {@code /console/frames/...}) are {@link PluginPages}'. Only
 * {@code GET} and {@code HEAD} (405 otherwise); an unknown path is a 404. Every answer carries the
 * {@link SecurityHeaders}; files carry a strong {@code ETag} (304 on a matching {@code If-None-Match}) and go
 * gzip-encoded to clients that take it. The files are read at the first request, not while the runtime starts.
 */
final class ConsoleServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient Supplier<ConsoleFiles> files;
    private final transient PluginPages plugins;

    /**
     * @param files gives the console's files; called at every request, so it should hand out one set it keeps
     * @param plugins answers for the plugins' files and frames
     */
    ConsoleServlet(Supplier<ConsoleFiles> files, PluginPages plugins) {
        this.files = files;
        this.plugins = plugins;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ConsoleFiles console = files.get();
        SecurityHeaders.apply(response, console.policy());
        String method = request.getMethod();
        boolean head = "HEAD".equals(method);
        if (!head && !"GET".equals(method)) {
            response.setHeader("Allow", "GET, HEAD");
            FileAnswers.text(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "the console takes GET and HEAD only",
                    false);
            return;
        }
        String path = request.getPathInfo();
        if (path == null) {
            response.setHeader("Location", request.getContextPath() + request.getServletPath() + "/");
            response.setStatus(HttpServletResponse.SC_FOUND);
            return;
        }
        if (path.startsWith("/plugins/")) {
            plugins.file(request, response, head);
            return;
        }
        if (path.startsWith("/frames/")) {
            plugins.frame(request, response, head);
            return;
        }
        String name = ConsolePaths.fileName(path);
        StaticFile file = console.get(name);
        if (file == null) {
            FileAnswers.text(response, HttpServletResponse.SC_NOT_FOUND, "no such file in the console", head);
            return;
        }
        if (name.startsWith(ConsolePaths.SDK)) {
            SecurityHeaders.sdkFile(response);
        }
        FileAnswers.send(request, response, file, head);
    }
}
