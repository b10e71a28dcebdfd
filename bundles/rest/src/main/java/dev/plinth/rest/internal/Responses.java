package dev.plinth.rest.internal;

import java.io.IOException;

import jakarta.json.JsonStructure;
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

    void send(HttpServletResponse response, int status, JsonStructure body) throws IOException {
        response.setStatus(status);
        response.setContentType(JSON);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        json.write(body, response.getOutputStream());
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
