package dev.plinth.shell.internal;

import java.io.StringWriter;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.plinth.api.DeployedFile;
import dev.plinth.api.Operation;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.catalog.CatalogEntry;
import dev.plinth.api.catalog.Outdated;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonStructure;
import jakarta.json.JsonWriter;
import jakarta.json.JsonWriterFactory;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;

/**
 * Writes plugins as JSON: every {@link PluginInfo} field under its own name, kind and state as their labels,
 * instants in ISO-8601, absent values as {@code null}.
 */
final class PluginJson {

    private final JsonProvider json;
    private final JsonWriterFactory writers;

    PluginJson(JsonProvider json) {
        this.json = json;
        this.writers = json.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true));
    }

    /** A JSON array of the plugins, in the given order. */
    String plugins(List<PluginInfo> plugins) {
        JsonArrayBuilder array = json.createArrayBuilder();
        plugins.forEach(plugin -> array.add(plugin(plugin)));
        return write(array.build());
    }

    /** A JSON object of the plugin's fields, with {@code wiring}, {@code components} and {@code refusedRoutes} added. */
    String details(PluginDetails details) {
        JsonObjectBuilder object = json.createObjectBuilder(plugin(details.plugin()));
        JsonArrayBuilder wiring = json.createArrayBuilder();
        for (PluginDetails.Wire wire : details.wiring()) {
            wiring.add(json.createObjectBuilder().add("namespace", wire.namespace()).add("name", wire.name())
                    .add("provider", wire.provider()).add("providerVersion", wire.providerVersion()));
        }
        JsonArrayBuilder components = json.createArrayBuilder();
        for (PluginDetails.ComponentStatus component : details.components()) {
            JsonArrayBuilder missing = json.createArrayBuilder();
            for (PluginDetails.MissingReference reference : component.missing()) {
                missing.add(put(json.createObjectBuilder().add("name", reference.name())
                        .add("service", reference.service()), "target", reference.target()));
            }
            components.add(put(json.createObjectBuilder().add("name", component.name())
                    .add("state", component.state()), "failure", component.failure())
                    .add("unsatisfiedReferences", missing));
        }
        object.add("wired", details.wired()).add("wiring", wiring).add("components", components)
                .add("refusedRoutes", strings(details.refusedRoutes()));
        return write(object.build());
    }

    /** The deploy directory's files as a JSON object: {@code directory} and a {@code files} array. */
    String deployStatus(DeployStatus status) {
        JsonArrayBuilder files = json.createArrayBuilder();
        for (DeployedFile file : status.files()) {
            JsonObjectBuilder object = json.createObjectBuilder();
            put(object, "file", file.file());
            put(object, "status", file.status().label());
            put(object, "id", file.id());
            put(object, "version", file.version());
            put(object, "code", file.code());
            put(object, "message", file.message());
            put(object, "since", file.since() == null ? null : file.since().toString());
            files.add(object);
        }
        return write(json.createObjectBuilder().add("directory", status.directory()).add("files", files).build());
    }

    /** The operations as a JSON array, oldest first. */
    String history(List<Operation> operations) {
        JsonArrayBuilder array = json.createArrayBuilder();
        for (Operation operation : operations) {
            JsonObjectBuilder object = json.createObjectBuilder().add("sequence", operation.sequence());
            put(object, "time", operation.time() == null ? null : operation.time().toString());
            put(object, "verb", operation.verb() == null ? null : operation.verb().label());
            put(object, "target", operation.target());
            put(object, "fromVersion", operation.fromVersion());
            put(object, "toVersion", operation.toVersion());
            put(object, "outcome", operation.outcome() == null ? null : operation.outcome().label());
            put(object, "message", operation.message());
            put(object, "origin", operation.origin());
            array.add(object);
        }
        return write(array.build());
    }

    /** The catalogues' offer as a JSON array. */
    String available(List<CatalogEntry> entries) {
        JsonArrayBuilder array = json.createArrayBuilder();
        for (CatalogEntry entry : entries) {
            JsonObjectBuilder object = json.createObjectBuilder();
            put(object, "id", entry.id());
            put(object, "name", entry.name());
            put(object, "description", entry.description());
            put(object, "version", entry.version());
            put(object, "installed", entry.installed());
            put(object, "runtime", entry.runtime());
            object.add("versions", strings(entry.versions())).add("commands", strings(entry.commands()));
            put(object, "catalog", entry.catalog());
            array.add(object);
        }
        return write(array.build());
    }

    /** The outdated plugins as a JSON array. */
    String outdated(List<Outdated> plugins) {
        JsonArrayBuilder array = json.createArrayBuilder();
        for (Outdated plugin : plugins) {
            array.add(json.createObjectBuilder().add("id", plugin.id()).add("installed", plugin.installed())
                    .add("newest", plugin.newest()).add("pinned", plugin.pinned()));
        }
        return write(array.build());
    }

    /** One plugin event as a JSON object on one line. */
    String event(PluginEvent event) {
        JsonObjectBuilder object = json.createObjectBuilder();
        put(object, "verb", event.verb());
        put(object, "id", event.id());
        put(object, "version", event.version());
        put(object, "previousVersion", event.previousVersion());
        put(object, "state", event.state());
        object.add("changed", strings(event.changed())).add("succeeded", event.succeeded());
        put(object, "code", event.code());
        put(object, "message", event.message());
        put(object, "origin", event.origin());
        return object.build().toString();
    }

    /** The plugin as a JSON object. */
    JsonObject plugin(PluginInfo plugin) {
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
        Instant installedAt = plugin.installedAt();
        put(object, "installedAt", installedAt == null ? null : installedAt.toString());
        put(object, "installedBy", plugin.installedBy());
        put(object, "fragmentHost", plugin.fragmentHost());
        return object.build();
    }

    private JsonArrayBuilder strings(Collection<String> values) {
        JsonArrayBuilder array = json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }

    private static JsonObjectBuilder put(JsonObjectBuilder object, String name, String value) {
        return value == null ? object.addNull(name) : object.add(name, value);
    }

    private String write(JsonStructure value) {
        StringWriter text = new StringWriter();
        try (JsonWriter writer = writers.createWriter(text)) {
            writer.write(value);
        }
        return text.toString().strip();
    }
}
