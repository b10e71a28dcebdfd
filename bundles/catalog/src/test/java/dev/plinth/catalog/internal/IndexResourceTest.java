package dev.plinth.catalog.internal;

import static dev.plinth.catalog.internal.TestResources.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.plinth.api.plugin.Namespaces;

class IndexResourceTest {

    private static IndexResource.Capability commands(String scope, Object functions) {
        return new IndexResource.Capability(Namespaces.COMMAND,
                Map.of("osgi.command.scope", scope, "osgi.command.function", functions));
    }

    @Test
    void commandsAreScopedAndSorted() {
        IndexResource resource = resource("greeter", "1.0.0",
                List.of(commands("greet", List.of("hello", "bye")), commands("admin", "reset"),
                        TestResources.exports("p", "1.0.0")), List.of());

        assertEquals(List.of("admin:reset", "greet:bye", "greet:hello"), resource.commands());
    }

    @Test
    void aResourceWithoutCommandCapabilitiesHasNoCommands() {
        assertEquals(List.of(), resource("lib", "1.0.0", List.of(TestResources.exports("p", "1.0.0")), List.of())
                .commands());
        assertEquals(List.of(), resource("lib", "1.0.0", List.of(new IndexResource.Capability(Namespaces.COMMAND,
                Map.of("osgi.command.scope", "x"))), List.of()).commands());
    }

    @Test
    void runtimeFilterIsTheFilterOfTheRuntimeRequirement() {
        IndexResource resource = resource("app", "1.0.0", List.of(), List.of(TestResources.imports("p"),
                TestResources.requirement(Namespaces.RUNTIME, "(version>=0.1.0)")));

        assertEquals(Optional.of("(version>=0.1.0)"), resource.runtimeFilter());
        assertEquals(Optional.empty(), resource("app", "1.0.0").runtimeFilter());
    }

    @Test
    void aRequirementIsMandatoryUnlessOptionalOrEffectiveLater() {
        assertTrue(new IndexResource.Requirement("n", null, Map.of()).mandatory());
        assertTrue(new IndexResource.Requirement("n", null, Map.of("resolution", "mandatory", "effective", "resolve"))
                .mandatory());
        assertFalse(new IndexResource.Requirement("n", null, Map.of("resolution", "optional")).mandatory());
        assertFalse(new IndexResource.Requirement("n", null, Map.of("effective", "active")).mandatory());
    }

    @Test
    void labelIsIdAndVersion() {
        assertEquals("org.example.app 1.2.0.rc1", resource("org.example.app", "1.2.0.rc1").label());
    }
}
