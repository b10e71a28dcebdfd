package dev.plinth.rest.internal;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Writes the API's answers: JSON documents and problems. */
final class Responses {

    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    private final Json json;

    Responses(Json json) {
        this.json = json;
    }

    Json json() {
        return json;
    }

    void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        json.write(body, response.getOutputStream());
    }

    /** Sends JSON that is already text (as a plugin set file is written), unchanged. */
    void send(HttpServletResponse response, int status, String jsonText) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.getOutputStream().write(jsonText.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Sends a rendered plugin list, gzip-encoded when the client accepts that. */
    void send(HttpServletRequest request, HttpServletResponse response, RenderedList.Rendered rendered)
            throws IOException {
        response.setStatus(200);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Vary", "Accept-Encoding");
        byte[] body = rendered.json();
        if (acceptsGzip(request.getHeader("Accept-Encoding"))) {
            body = rendered.gzip();
            response.setHeader("Content-Encoding", "gzip");
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.trim().split(";");
            if (parts[0].trim().equalsIgnoreCase("gzip")) {
                return parts.length < 2 || !parts[1].replace(" ", "").equalsIgnoreCase("q=0");
            }
        }
        return false;
    }

    void problem(HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(problem.status());
        response.setContentType(PROBLEM);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        if (problem.status() == 401) {
            response.setHeader("WWW-Authenticate", "MISSING_TOKEN".equals(problem.code()) ? "Bearer realm=\"plinth\""
                    : "Bearer realm=\"plinth\", error=\"invalid_token\"");
        }
        json.write(json.problem(problem), response.getOutputStream());
    }
}
