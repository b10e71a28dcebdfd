package dev.plinth.catalog.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.framework.Version;

import dev.plinth.api.plugin.Namespaces;

/**
 * One resource of a catalogue's index: a bundle with its identity, where its archive is, the archive's SHA-256, and
 * what it provides and requires.
 *
 * @param catalog the location of the index it comes from
 * @param location the archive's absolute location
 * @param sha256 the archive's SHA-256, lower-case hex
 */
record IndexResource(String id, Version version, String description, String catalog, URI location, String sha256,
        long size, List<Capability> capabilities, List<Requirement> requirements) {

    /** A capability: its namespace and typed attributes. */
    record Capability(String namespace, Map<String, Object> attributes) {
    }

    /** A requirement: its namespace, filter (or {@code null}) and directives. */
    record Requirement(String namespace, String filter, Map<String, String> directives) {

        /** Whether the resolver must meet it for the bundle to resolve: mandatory, effective at resolve time. */
        boolean mandatory() {
            return !"optional".equals(directives.get("resolution"))
                    && "resolve".equals(directives.getOrDefault("effective", "resolve"));
        }
    }

    /** The filter on the Plinth runtime version it needs, if it names one. */
    Optional<String> runtimeFilter() {
        return requirements.stream().filter(r -> Namespaces.RUNTIME.equals(r.namespace()) && r.filter() != null)
                .map(Requirement::filter).findFirst();
    }

    /** The shell commands it declares, as {@code scope:function}. */
    List<String> commands() {
        return capabilities.stream().filter(c -> Namespaces.COMMAND.equals(c.namespace()))
                .flatMap(c -> functions(c).stream().map(f -> c.attributes().get("osgi.command.scope") instanceof String
                        scope && !scope.isBlank() ? scope + ":" + f : f))
                .sorted().toList();
    }

    private static List<String> functions(Capability capability) {
        Object value = capability.attributes().get("osgi.command.function");
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }

    /** {@code id version}, as operators read it. */
    String label() {
        return id + " " + version;
    }
}
