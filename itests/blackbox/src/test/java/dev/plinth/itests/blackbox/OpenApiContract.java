package dev.plinth.itests.blackbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The REST API's OpenAPI document as a contract an answer is checked against: its status must be documented for
 * the request's path and method, its media type among the documented ones, and its JSON body must match the
 * documented schema. The schema check covers the subset of JSON Schema the document uses ({@code $ref},
 * {@code allOf}, {@code type}, {@code nullable}, {@code enum}, {@code properties}, {@code required}, {@code items})
 * and refuses properties a schema with {@code properties} does not declare.
 */
final class OpenApiContract {

    private static final String RESOURCE = "dev/plinth/rest/internal/openapi.json";

    private final JsonObject document;

    OpenApiContract(JsonObject document) {
        this.document = document;
    }

    /** The document inside the REST bundle of the runtime at {@code home}. */
    static OpenApiContract of(Path home) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(home.resolve("system"))) {
            jar = files.filter(file -> file.getFileName().toString().startsWith("dev.plinth.rest-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no REST bundle in " + home.resolve("system")));
        }
        try (ZipFile zip = new ZipFile(jar.toFile()); InputStream in = zip.getInputStream(zip.getEntry(RESOURCE))) {
            return new OpenApiContract(Json.createReader(in).readObject());
        }
    }

    JsonObject document() {
        return document;
    }

    /** A documented path and one of its methods. */
    record Operation(String template, String method, JsonObject operation) {
    }

    /**
     * The documented operation {@code method path} falls to; empty when the path is not documented. When the path
     * is documented without that method, the operation's {@code method} is empty.
     */
    Optional<Operation> operation(String method, String path) {
        String lower = method.toLowerCase(java.util.Locale.ROOT);
        JsonObject paths = document.getJsonObject("paths");
        List<String> matching = paths.keySet().stream().filter(template -> matches(template, path))
                .sorted(Comparator.comparingLong(OpenApiContract::variables)).toList();
        if (matching.isEmpty()) {
            return Optional.empty();
        }
        for (String template : matching) {
            JsonObject operation = paths.getJsonObject(template).getJsonObject(lower);
            if (operation != null) {
                return Optional.of(new Operation(template, lower, operation));
            }
        }
        return Optional.of(new Operation(matching.get(0), "", null));
    }

    /** The methods the document names for {@code path} ({@code HEAD} with every {@code GET}), upper case. */
    Set<String> methods(String path) {
        Set<String> methods = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        paths.keySet().stream().filter(template -> matches(template, path)).forEach(template -> paths
                .getJsonObject(template).keySet().stream().filter(key -> !key.equals("parameters"))
                .map(key -> key.toUpperCase(java.util.Locale.ROOT)).forEach(methods::add));
        if (methods.contains("GET")) {
            methods.add("HEAD");
        }
        return methods;
    }

    /** What is wrong with an answer to {@code method uri}; empty when it conforms or the path is not documented. */
    List<String> violations(String method, URI uri, RestRuntime.Response answer) {
        boolean head = method.equals("HEAD");
        Optional<Operation> found = operation(head ? "GET" : method, uri.getRawPath());
        List<String> violations = new ArrayList<>();
        if (found.isEmpty()) {
            return violations;
        }
        Operation operation = found.get();
        String where = method + " " + uri.getRawPath() + " (" + operation.template() + ") answered " + answer.status();
        if (operation.operation() == null) {
            // Refused before any endpoint runs (token, read-only viewer, closed API) or as a method the path lacks.
            if (!List.of(401, 403, 405, 503).contains(answer.status())) {
                violations.add(where + ", but the document names no " + method + " for the path");
            }
            Set<String> allowed = methods(uri.getRawPath());
            String allow = answer.header("Allow");
            if (answer.status() == 405 && (allow == null
                    || !allowed.equals(Set.of(allow.replace(" ", "").split(","))))) {
                violations.add(where + " with Allow " + allow + ", but the document names " + allowed);
            }
            return violations;
        }
        JsonObject responses = operation.operation().getJsonObject("responses");
        JsonValue declared = responses.get(String.valueOf(answer.status()));
        if (declared == null) {
            violations.add(where + ": status not documented (documented: " + responses.keySet() + ")");
            return violations;
        }
        JsonObject response = resolve(declared).asJsonObject();
        JsonObject headers = response.getJsonObject("headers");
        if (headers != null) {
            headers.keySet().stream().filter(name -> answer.header(name) == null)
                    .forEach(name -> violations.add(where + ": no " + name + " header"));
        }
        JsonObject content = response.getJsonObject("content");
        if (head || content == null || answer.body().isEmpty() || answer.header("Content-Encoding") != null) {
            return violations;
        }
        String type = answer.contentType();
        JsonObject media = content.getJsonObject(String.valueOf(type));
        if (media == null) {
            violations.add(where + ": content type " + type + " not documented (documented: " + content.keySet()
                    + ")");
            return violations;
        }
        if (!type.endsWith("json") || !media.containsKey("schema")) {
            return violations;
        }
        JsonValue body;
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            body = reader.readValue();
        } catch (JsonException e) {
            violations.add(where + ": the body is not JSON: " + e.getMessage());
            return violations;
        }
        check(body, media.get("schema"), "body", violations);
        violations.replaceAll(violation -> violation.startsWith(method + " ") ? violation : where + ": " + violation);
        return violations;
    }

    /** The query parameters the document names for {@code method} on {@code template}, with their schemas. */
    java.util.Map<String, JsonObject> queryParameters(String template, String method) {
        java.util.Map<String, JsonObject> parameters = new java.util.TreeMap<>();
        JsonObject path = document.getJsonObject("paths").getJsonObject(template);
        for (JsonObject holder : List.of(path, path.getJsonObject(method))) {
            if (holder.containsKey("parameters")) {
                holder.getJsonArray("parameters").forEach(parameter -> {
                    JsonObject resolved = resolve(parameter).asJsonObject();
                    if (resolved.getString("in").equals("query")) {
                        parameters.put(resolved.getString("name"), resolve(resolved.get("schema")).asJsonObject());
                    }
                });
            }
        }
        return parameters;
    }

    /** The schema checks of {@code value} against {@code schema}, each failure added to {@code violations}. */
    void check(JsonValue value, JsonValue schemaValue, String at, List<String> violations) {
        JsonObject schema = resolve(schemaValue).asJsonObject();
        if (value.getValueType() == JsonValue.ValueType.NULL) {
            if (!schema.getBoolean("nullable", false)) {
                violations.add(at + " is null, but not nullable");
            }
            return;
        }
        if (schema.containsKey("allOf")) {
            schema.getJsonArray("allOf").forEach(part -> check(value, part, at, violations));
        }
        String type = schema.getString("type", null);
        if (type != null && !hasType(value, type)) {
            violations.add(at + " is " + value.getValueType() + ", not " + type);
            return;
        }
        if (schema.containsKey("enum") && !schema.getJsonArray("enum").contains(value)) {
            violations.add(at + " is " + value + ", not one of " + schema.getJsonArray("enum"));
        }
        if (value instanceof JsonObject object) {
            for (JsonValue name : schema.getJsonArray("required") == null ? List.<JsonValue>of()
                    : schema.getJsonArray("required")) {
                if (!object.containsKey(((JsonString) name).getString())) {
                    violations.add(at + " lacks the required " + ((JsonString) name).getString());
                }
            }
            JsonObject properties = schema.getJsonObject("properties");
            if (properties != null) {
                object.forEach((name, member) -> {
                    if (properties.containsKey(name)) {
                        check(member, properties.get(name), at + "." + name, violations);
                    } else if (!schema.getBoolean("additionalProperties", false)) {
                        violations.add(at + " has " + name + ", which the schema does not declare");
                    }
                });
            }
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY && schema.containsKey("items")) {
            List<JsonValue> items = value.asJsonArray();
            for (int i = 0; i < items.size(); i++) {
                check(items.get(i), schema.get("items"), at + "[" + i + "]", violations);
            }
        }
    }

    /** Follows {@code $ref} within the document. */
    JsonValue resolve(JsonValue value) {
        JsonValue target = value;
        while (target instanceof JsonObject object && object.containsKey("$ref")) {
            JsonValue next = document;
            for (String name : object.getString("$ref").substring(2).split("/")) {
                next = next.asJsonObject().get(name);
                if (next == null) {
                    throw new AssertionError("the document's reference " + object.getString("$ref") + " resolves to"
                            + " nothing");
                }
            }
            target = next;
        }
        return target;
    }

    private static boolean hasType(JsonValue value, String type) {
        return switch (type) {
            case "object" -> value.getValueType() == JsonValue.ValueType.OBJECT;
            case "array" -> value.getValueType() == JsonValue.ValueType.ARRAY;
            case "string" -> value.getValueType() == JsonValue.ValueType.STRING;
            case "boolean" -> value.getValueType() == JsonValue.ValueType.TRUE
                    || value.getValueType() == JsonValue.ValueType.FALSE;
            case "integer" -> value instanceof JsonNumber number && number.isIntegral();
            case "number" -> value.getValueType() == JsonValue.ValueType.NUMBER;
            default -> throw new AssertionError("the document uses the type " + type + ", which this check lacks");
        };
    }

    private static boolean matches(String template, String path) {
        String[] wanted = template.split("/", -1);
        String[] given = path.split("/", -1);
        if (wanted.length != given.length) {
            return false;
        }
        for (int i = 0; i < wanted.length; i++) {
            boolean variable = wanted[i].startsWith("{");
            if (variable ? given[i].isEmpty() : !wanted[i].equals(given[i])) {
                return false;
            }
        }
        return true;
    }

    private static long variables(String template) {
        return template.chars().filter(c -> c == '{').count();
    }
}
