package dev.plinth.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonStreamsTest {

    @Test
    void readsAnObjectAsMapsAndListsKeepingTheLastOfARepeatedName() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("a", "x");
        expected.put("n", 7);
        expected.put("b", Arrays.asList(true, false, null, Map.of("c", 1.5)));
        expected.put("z", null);

        assertEquals(expected, JsonStreams.readObject(
                "{\"a\": \"y\", \"n\": 7, \"b\": [true, false, null, {\"c\": 1.5}], \"z\": null, \"a\": \"x\"}  \n"));
    }

    @Test
    void refusesWhatIsNotOneObject() {
        for (String text : List.of("", "[]", "\"a\"", "{\"a\": 1} {}", "{\"a\": [1, 2", "{\"a\": ", "{\"a\" 1}",
                "{\"a\": " + "[".repeat(5000) + "]".repeat(5000) + "}")) {
            assertThrows(UncheckedIOException.class, () -> JsonStreams.readObject(text), text);
        }
    }

    @Test
    void writesTheIndentedLayoutOfJsonDocuments() {
        String written = JsonStreams.pretty(out -> {
            out.writeStartObject();
            out.writeStringField("a", "x");
            out.writeArrayFieldStart("empty");
            out.writeEndArray();
            out.writeArrayFieldStart("one");
            out.writeString("y");
            out.writeEndArray();
            out.writeEndObject();
        });

        assertEquals("{\n    \"a\": \"x\",\n    \"empty\": [\n    ],\n    \"one\": [\n        \"y\"\n    ]\n}", written);
        assertEquals("{\n    \"a\": \"x\",\n    \"empty\": [\n    ]\n}",
                JsonDocuments.pretty(new java.util.TreeMap<>(Map.of("a", "x", "empty", List.of()))));
    }
}
