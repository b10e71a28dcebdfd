package dev.plinth.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import dev.plinth.common.ConsoleContributions.Contribution;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers the requests for plugins' console files ({@code /console/plugins/...}) and frame documents
 * ({@code /console/frames/...}): only for an enabled plugin at its current revision (any other id, version or hash is
 * a 404, so an old revision's URLs are gone after an upgrade), only files of its {@code console/} folder of a type
 * served to plugins.
 */
final class PluginPages {

    private final EnabledPlugins plugins;

    PluginPages(EnabledPlugins plugins) {
        this.plugins = plugins;
    }

    /** A plugin's file, with its caching and isolation headers, or a 404. */
    void file(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        PluginPaths.Target target = encoded(request) ? null : PluginPaths.file(request.getPathInfo());
        PluginConsole console = current(target);
        StaticFile file = console == null ? null : console.files().get(target.name());
        if (file == null) {
            FileAnswers.text(response, HttpServletResponse.SC_NOT_FOUND, "no such file of an enabled plugin", head);
            return;
        }
        SecurityHeaders.pluginFile(response);
        FileAnswers.send(request, response, file, head);
    }

    /** A plugin's frame document, or a 404. */
    void frame(HttpServletRequest request, HttpServletResponse response, boolean head) throws IOException {
        PluginPaths.Target target = encoded(request) ? null : PluginPaths.frame(request.getPathInfo());
        PluginConsole console = current(target);
        Contribution slot = console == null ? null : console.slot(target.name());
        if (slot == null) {
            FileAnswers.text(response, HttpServletResponse.SC_NOT_FOUND, "no such slot of an enabled plugin", head);
            return;
        }
        String origin = FrameDocument.origin(request.getScheme(), request.getHeader("Host"));
        if (origin == null) {
            FileAnswers.text(response, HttpServletResponse.SC_BAD_REQUEST, "the request names no usable Host", head);
            return;
        }
        SecurityHeaders.frame(response, FrameDocument.policy(origin, console));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html; charset=utf-8");
        FileAnswers.body(response, FrameDocument.html(console, slot).getBytes(StandardCharsets.UTF_8), head);
    }

    private PluginConsole current(PluginPaths.Target target) {
        PluginConsole console = target == null ? null : plugins.get(target.id());
        return console != null && console.is(target.version(), target.hash()) ? console : null;
    }

    /** Whether the raw path holds an escape: the decoded path might then mean something it does not show. */
    private static boolean encoded(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri == null || uri.indexOf('%') >= 0 || uri.indexOf(';') >= 0 || uri.indexOf('\\') >= 0;
    }
}
