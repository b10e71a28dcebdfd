package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;

/** The contract check refuses what the document does not allow, so that a black-box test that passes means it. */
class OpenApiContractTest {

    private static final String DOCUMENT = """
            {"paths": {
              "/api/things": {"get": {"responses": {
                "200": {"content": {"application/json": {"schema": {"type": "array",
                  "items": {"$ref": "#/components/schemas/Thing"}}}}},
                "404": {"content": {"application/problem+json": {"schema": {"type": "object"}}}}}}},
              "/api/things/{id}": {"delete": {"responses": {"200": {"description": "gone"}}}}},
             "components": {"schemas": {"Thing": {"type": "object", "required": ["id", "state"], "properties": {
               "id": {"type": "string"},
               "state": {"type": "string", "enum": ["on", "off"]},
               "note": {"type": "string", "nullable": true},
               "size": {"type": "integer"}}}}}}
            """;

    private final OpenApiContract contract = new OpenApiContract(
            Json.createReader(new StringReader(DOCUMENT)).readObject());

    @Test
    void aConformingAnswerHasNoViolations() {
        assertEquals(List.of(), check("GET", "/api/things", 200, "application/json",
                "[{\"id\": \"a\", \"state\": \"on\", \"note\": null, \"size\": 3}]"));
        assertEquals(List.of(), check("HEAD", "/api/things", 200, "application/json", ""));
        assertEquals(List.of(), check("GET", "/api/elsewhere", 500, "text/html", "<html>"),
                "an undocumented path is not the document's business");
    }

    @Test
    void everyDeviationIsAViolation() {
        assertViolation("status not documented", check("GET", "/api/things", 400, "application/json", "[]"));
        assertViolation("content type text/html not documented",
                check("GET", "/api/things", 200, "text/html", "[]"));
        assertViolation("body[0].size is null, but not nullable",
                check("GET", "/api/things", 200, "application/json",
                        "[{\"id\": \"a\", \"state\": \"on\", \"size\": null}]"));
        assertViolation("lacks the required state",
                check("GET", "/api/things", 200, "application/json", "[{\"id\": \"a\"}]"));
        assertViolation("not one of",
                check("GET", "/api/things", 200, "application/json", "[{\"id\": \"a\", \"state\": \"dim\"}]"));
        assertViolation("which the schema does not declare", check("GET", "/api/things", 200, "application/json",
                "[{\"id\": \"a\", \"state\": \"on\", \"colour\": \"red\"}]"));
        assertViolation("not integer", check("GET", "/api/things", 200, "application/json",
                "[{\"id\": \"a\", \"state\": \"on\", \"size\": 1.5}]"));
        assertViolation("names no POST", check("POST", "/api/things", 200, "application/json", "[]"));
        assertViolation("with Allow GET, HEAD, POST", answer("PUT", "/api/things", 405, Map.of("Allow",
                List.of("GET, HEAD, POST")), "application/problem+json", "{}"));
        assertEquals(List.of(), answer("PUT", "/api/things", 405, Map.of("Allow", List.of("GET, HEAD")),
                "application/problem+json", "{}"));
        assertViolation("with Allow null", check("PUT", "/api/things/x", 405, "application/problem+json", "{}"));
    }

    private static void assertViolation(String expected, List<String> violations) {
        assertTrue(violations.stream().anyMatch(violation -> violation.contains(expected)),
                expected + " in " + violations);
    }

    private List<String> check(String method, String path, int status, String type, String body) {
        return answer(method, path, status, Map.of(), type, body);
    }

    private List<String> answer(String method, String path, int status, Map<String, List<String>> headers,
            String type, String body) {
        Map<String, List<String>> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", List.of(type));
        return contract.violations(method, URI.create("http://127.0.0.1" + path),
                new RestRuntime.Response(status, all, body));
    }
}
