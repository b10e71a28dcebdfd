package dev.plinth.console.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * How the console answers with a file (a strong {@code ETag}, 304 on a matching {@code If-None-Match}, gzip to
 * clients that take it) or with a short text (errors), for {@code GET} and {@code HEAD}.
 */
final class FileAnswers {

    private FileAnswers() {
    }

    /** Sends a file, or 304 when the client has it. */
    static void send(HttpServletRequest request, HttpServletResponse response, StaticFile file, boolean head)
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
        body(response, body, head);
    }

    /** Sends a short plain text with a status. */
    static void text(HttpServletResponse response, int status, String message, boolean head) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        body(response, (message + "\n").getBytes(StandardCharsets.UTF_8), head);
    }

    /** Sends bytes whose type is set, with their length. */
    static void body(HttpServletResponse response, byte[] body, boolean head) throws IOException {
        response.setContentLength(body.length);
        if (!head) {
            response.getOutputStream().write(body);
        }
    }
}
