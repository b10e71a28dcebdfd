package dev.plinth.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class JsonDocumentsTest {

    enum Mode {
        ADD_LIBRARY, PLAIN;

        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    enum Bare {
        ONE
    }

    record Doc(String name, Mode mode, Bare bare, Instant at, List<String> tags, long count) {

        boolean isEmpty() {
            return tags.isEmpty();
        }

        public String getExtra() {
            return "extra";
        }
    }

    private static final Doc DOC = new Doc("a \"b\"", Mode.ADD_LIBRARY, Bare.ONE,
            Instant.parse("2026-01-02T03:04:05Z"), List.of("x"), 7);

    @Test
    void writesRecordComponentsInOrderWithLabelsAndInstants() {
        assertEquals("{\"name\":\"a \\\"b\\\"\",\"mode\":\"add-library\",\"bare\":\"ONE\","
                + "\"at\":\"2026-01-02T03:04:05Z\",\"tags\":[\"x\"],\"count\":7}", JsonDocuments.compact(DOC));
    }

    @Test
    void writesNullsAndIndentsByFourSpaces() {
        assertEquals("{\n    \"name\": null,\n    \"mode\": \"plain\",\n    \"bare\": null,\n    \"at\": null,\n"
                + "    \"tags\": [\n        \"x\"\n    ],\n    \"count\": 0\n}",
                JsonDocuments.pretty(new Doc(null, Mode.PLAIN, null, null, List.of("x"), 0)));
    }

    record Read(String name, Instant at, long count) {
    }

    @Test
    void readsRecordsIgnoringUnknownProperties() {
        assertEquals(new Read("n", Instant.parse("2026-01-02T03:04:05Z"), 3),
                JsonDocuments.read("{\"count\": 3, \"other\": [1], \"at\": \"2026-01-02T03:04:05Z\", \"name\": \"n\"}",
                        Read.class));
    }

    @Test
    void refusesWhatFollowsTheDocumentAndBadInstants() {
        assertThrows(UncheckedIOException.class, () -> JsonDocuments.read("{\"count\": 3} {}", Read.class));
        assertThrows(UncheckedIOException.class, () -> JsonDocuments.read("{\"at\": \"yesterday\"}", Read.class));
        assertThrows(UncheckedIOException.class, () -> JsonDocuments.read("{\"count\": null}", Read.class));
        assertThrows(UncheckedIOException.class, () -> JsonDocuments.read("", Read.class));
    }
}
