package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.itests.blackbox.RestRuntime.Response;

/**
 * The methods the API takes and the errors raised before an endpoint runs: {@code HEAD} wherever {@code GET} is
 * served, and 405 with {@code Allow} naming the methods the path takes.
 */
class RestMethodsIT {

    @TempDir
    static Path unpacked;

    @AutoClose
    private static RestRuntime rest;

    @BeforeAll
    static void start() throws Exception {
        rest = RestRuntime.start(unpacked, RestRuntime.configuration(1024 * 1024));
    }

    @Test
    void headAnswersLikeGetWithoutTheBody() throws Exception {
        for (String path : List.of("/api/plugins", "/api/plugins/org.apache.felix.scr", "/api/history",
                "/api/health", "/api/openapi.json", "/api/catalog", "/api/catalog/pins", "/api/catalog/outdated",
                "/api/catalog/export", "/api/identity?nonce=head-nonce-000001", "/api/events", "/api/deploy")) {
            Response get = path.equals("/api/events") ? null : rest.get(path);
            Response head = rest.method("HEAD", path, RestRuntime.VIEWER);
            assertEquals(200, head.status(), path + ": " + head);
            assertEquals("", head.body(), path);
            if (get != null) {
                assertEquals(get.contentType(), head.contentType(), path);
                assertEquals(String.valueOf(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length),
                        head.header("Content-Length"), path);
            }
        }
        Response missing = rest.method("HEAD", "/api/plugins/org.example.none", rest.adminToken());
        assertEquals(404, missing.status(), missing.toString());
        assertEquals("application/problem+json", missing.contentType());
    }

    @Test
    void aRefusedMethodIsToldTheMethodsThePathTakes() throws Exception {
        assertAllow("DELETE", "/api/plugins", "GET, HEAD, POST");
        assertAllow("PUT", "/api/plugins/org.apache.felix.scr", "GET, HEAD, DELETE");
        assertAllow("GET", "/api/plugins/org.apache.felix.scr/enable", "POST");
        assertAllow("POST", "/api/history", "GET, HEAD");
        assertAllow("POST", "/api/health", "GET, HEAD");
        assertAllow("POST", "/api/events", "GET, HEAD");
        assertAllow("PUT", "/api/session", "GET, HEAD, POST, DELETE");
        assertAllow("POST", "/api/deploy", "GET, HEAD");
        assertAllow("POST", "/api/openapi.json", "GET, HEAD");
        assertAllow("POST", "/api/catalog", "GET, HEAD");
        assertAllow("GET", "/api/catalog/apply", "POST");
        assertAllow("POST", "/api/catalog/pins/some.plugin", "PUT, DELETE");
        assertAllow("PUT", "/api/catalog/some.plugin/install", "POST");
        assertAllow("GET", "/api/catalog/pins/install", "POST, PUT, DELETE");
        assertAllow("OPTIONS", "/api/plugins", "GET, HEAD, POST");
    }

    @Test
    void theDocumentRefusesUnknownParametersAsEveryEndpointDoes() throws Exception {
        assertEquals("BAD_REQUEST", rest.get("/api/openapi.json?bogus=1").problem(400));
    }

    private static void assertAllow(String method, String path, String allow) throws Exception {
        Response answer = rest.send(rest.request(path, rest.adminToken()).method(method, BodyPublishers.noBody()));
        assertEquals("METHOD_NOT_ALLOWED", answer.problem(405), method + " " + path);
        assertEquals(allow, answer.header("Allow"), method + " " + path);
    }
}
