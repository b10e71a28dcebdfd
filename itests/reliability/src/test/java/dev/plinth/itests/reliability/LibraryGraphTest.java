package dev.plinth.itests.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;

/** The library count of {@link LibraryGraph} catches a library of a library that is dropped, or left over. */
class LibraryGraphTest {

    private static final LibraryGraph GRAPH = new LibraryGraph().needs("t.p", "t.l1").needs("t.p 1.0.0", "t.l1", "t.l3")
            .needs("t.l1", "t.l2");

    @Test
    void aPluginWithItsLibraryAndTheLibraryOfThatLibraryIsWhole() {
        assertEquals(List.of(), GRAPH.violations(listing(plugin("t.p", "2.0.0"), library("t.l1"), library("t.l2"))));
    }

    @Test
    void aDroppedLibraryOfALibraryIsCaught() {
        assertEquals(List.of("library t.l2 is needed (by t.l1) but not installed"),
                GRAPH.violations(listing(plugin("t.p", "2.0.0"), library("t.l1"))));
    }

    @Test
    void aLibraryLeftAfterTheVersionThatNeededItIsCaught() {
        assertEquals(List.of("library t.l3 is installed but no plugin needs it, directly or through another library"),
                GRAPH.violations(listing(plugin("t.p", "2.0.0"), library("t.l1"), library("t.l2"), library("t.l3"))));
    }

    @Test
    void librariesOfAPluginThatIsGoneAreLeftOvers() {
        assertEquals(2, GRAPH.violations(listing(library("t.l1"), library("t.l2"))).size());
        assertEquals(List.of(), GRAPH.violations(listing(plugin("t.p", "1.0.0"), library("t.l1"), library("t.l2"),
                library("t.l3"))));
    }

    private static Listing listing(jakarta.json.JsonObject... rows) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        for (jakarta.json.JsonObject row : rows) {
            array.add(row);
        }
        return Listing.of(array.build());
    }

    private static jakarta.json.JsonObject plugin(String id, String version) {
        return row(id, version, "plugin");
    }

    private static jakarta.json.JsonObject library(String id) {
        return row(id, "1.0.0", "library");
    }

    private static jakarta.json.JsonObject row(String id, String version, String kind) {
        return Json.createObjectBuilder().add("id", id).add("version", version).add("state", "enabled")
                .add("kind", kind).add("requires", Json.createArrayBuilder()).add("requiredBy", Json.createArrayBuilder())
                .build();
    }
}
