package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.parsson.JsonProviderImpl;
import org.junit.jupiter.api.Test;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

class OpenApiDocumentTest {

    @Test
    void theDocumentIsOpenApi3AndNamesEveryEndpoint() throws Exception {
        JsonObject document = document();

        assertTrue(document.getString("openapi").startsWith("3."));
        assertEquals(Set.of("/api/plugins", "/api/plugins/{id}", "/api/plugins/{id}/enable",
                "/api/plugins/{id}/disable", "/api/plugins/{id}/upgrade", "/api/plugins/{id}/rollback",
                "/api/plugins/{id}/settings", "/api/plugins/{id}/storage", "/api/plugins/{id}/health", "/api/storage",
                "/api/history", "/api/health", "/api/events", "/api/openapi.json", "/api/catalog",
                "/api/catalog/outdated", "/api/catalog/{id}/install", "/api/catalog/{id}/update", "/api/catalog/update",
                "/api/catalog/pins", "/api/catalog/pins/{id}", "/api/catalog/export", "/api/catalog/apply", "/api/identity",
                "/api/session", "/api/deploy", "/api/fleet", "/api/fleet/nodes", "/api/fleet/nodes/{name}",
                "/api/fleet/generations", "/api/fleet/generations/{number}", "/api/fleet/rollback"),
                document.getJsonObject("paths").keySet());
    }

    @Test
    void everyReferenceResolves() throws Exception {
        JsonObject document = document();
        List<String> references = new ArrayList<>();
        collect(document, references);

        assertTrue(references.size() > 50, references.toString());
        for (String reference : references) {
            JsonValue target = document;
            for (String name : reference.substring(2).split("/")) {
                target = target.asJsonObject().get(name);
                assertNotNull(target, reference);
            }
        }
    }

    @Test
    void everyChangingOperationDocumentsTheTokenAndViewerRefusals() throws Exception {
        // signing in needs no credentials: it is refused only for a wrong token (401)
        JsonObject paths = document().getJsonObject("paths");
        for (String path : paths.keySet()) {
            for (String method : List.of("post", "delete", "patch")) {
                JsonObject operation = paths.getJsonObject(path).getJsonObject(method);
                if (operation != null && !(path.equals("/api/session") && method.equals("post"))) {
                    assertTrue(operation.getJsonObject("responses").containsKey("401"), path + " " + method);
                    assertTrue(operation.getJsonObject("responses").containsKey("403"), path + " " + method);
                }
            }
        }
    }

    private static void collect(JsonValue value, List<String> references) {
        if (value instanceof JsonObject object) {
            object.forEach((name, member) -> {
                if (name.equals("$ref")) {
                    references.add(((JsonString) member).getString());
                } else {
                    collect(member, references);
                }
            });
        } else if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            value.asJsonArray().forEach(item -> collect(item, references));
        }
    }

    private static JsonObject document() throws Exception {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
            return new JsonProviderImpl().createReader(in).readObject();
        }
    }
}
