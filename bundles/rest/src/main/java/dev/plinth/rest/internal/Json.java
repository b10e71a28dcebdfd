package dev.plinth.rest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.plinth.api.Operation;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginInfo;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;

/**
 * The API's JSON documents. Field names follow the API records; enums are written as their operator labels
 * ({@code enabled}, {@code add-library}), instants in ISO-8601, absent values as {@code null}.
 */
final class Json {

    private final JsonProvider json;
    private final JsonWriterFactory writers;

    Json(JsonProvider json) {
        this.json = json;
        this.writers = json.createWriterFactory(Map.of());
    }

    JsonProvider provider() {
        return json;
    }

    JsonObject plugin(PluginInfo plugin, List<String> refusedRoutes) {
        JsonObjectBuilder object = json.createObjectBuilder();
        put(object, "id", plugin.id());
        put(object, "version", plugin.version());
        put(object, "name", plugin.name());
        put(object, "description", plugin.description());
        put(object, "vendor", plugin.vendor());
        put(object, "license", plugin.license());
        put(object, "docUrl", plugin.docUrl());
        put(object, "kind", plugin.kind() == null ? null : plugin.kind().label());
        put(object, "state", plugin.state() == null ? null : plugin.state().label());
        object.add("bundleId", plugin.bundleId());
        object.add("requires", strings(plugin.requires()));
        object.add("requiredBy", strings(plugin.requiredBy()));
        put(object, "lastError", plugin.lastError());
        put(object, "previousVersion", plugin.previousVersion());
        put(object, "sha256", plugin.sha256());
        put(object, "source", plugin.source());
        put(object, "installedAt", instant(plugin.installedAt()));
        put(object, "installedBy", plugin.installedBy());
        put(object, "fragmentHost", plugin.fragmentHost());
        object.add("refusedRoutes", strings(refusedRoutes));
        return object.build();
    }

    JsonObject plan(Plan plan) {
        JsonArrayBuilder steps = json.createArrayBuilder();
        for (Plan.Step step : plan.steps()) {
            JsonObjectBuilder object = json.createObjectBuilder();
            put(object, "action", step.action().label());
            put(object, "id", step.id());
            put(object, "version", step.version());
            put(object, "reason", step.reason());
            steps.add(object);
        }
        JsonObjectBuilder object = json.createObjectBuilder();
        put(object, "verb", plan.verb().label());
        put(object, "target", plan.target());
        return object.add("simulated", plan.simulated()).add("steps", steps)
                .add("refresh", strings(plan.refresh())).build();
    }

    JsonObject operation(Operation operation) {
        JsonObjectBuilder object = json.createObjectBuilder();
        object.add("sequence", operation.sequence());
        put(object, "time", instant(operation.time()));
        put(object, "verb", operation.verb() == null ? null : operation.verb().label());
        put(object, "target", operation.target());
        put(object, "fromVersion", operation.fromVersion());
        put(object, "toVersion", operation.toVersion());
        put(object, "outcome", operation.outcome() == null ? null : operation.outcome().label());
        put(object, "message", operation.message());
        put(object, "origin", operation.origin());
        return object.build();
    }

    JsonObject problem(Problem problem) {
        JsonObjectBuilder object = json.createObjectBuilder()
                .add("type", problem.type())
                .add("title", problem.title())
                .add("status", problem.status())
                .add("code", problem.code());
        put(object, "detail", problem.message());
        if (!problem.details().isEmpty()) {
            object.add("details", strings(problem.details()));
        }
        return object.build();
    }

    JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder array = json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    static JsonObjectBuilder put(JsonObjectBuilder object, String name, String value) {
        return value == null ? object.addNull(name) : object.add(name, value);
    }

    void write(JsonStructure value, OutputStream out) throws IOException {
        try (JsonWriter writer = writers.createWriter(out)) {
            writer.write(value);
        }
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
