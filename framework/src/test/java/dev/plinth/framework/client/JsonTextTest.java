package dev.plinth.framework.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void readsObjectsArraysAndScalars() {
        Object value = JsonText.parse(" {\"id\":\"a\",\"n\":42,\"x\":1.5,\"ok\":true,\"no\":false,\"none\":null,"
                + "\"list\":[1,\"two\",[]],\"empty\":{}} ");

        Map<?, ?> object = (Map<?, ?>) value;
        assertEquals("a", object.get("id"));
        assertEquals(42L, object.get("n"));
        assertEquals(1.5, object.get("x"));
        assertEquals(true, object.get("ok"));
        assertEquals(false, object.get("no"));
        assertNull(object.get("none"));
        assertEquals(Arrays.asList(1L, "two", List.of()), object.get("list"));
        assertEquals(Map.of(), object.get("empty"));
        assertEquals(List.of("id", "n", "x", "ok", "no", "none", "list", "empty"), List.copyOf(object.keySet()),
                "members keep their order");
    }

    @Test
    void readsEscapes() {
        assertEquals("a\"b\\c/d\ne\tf\u00e9", JsonText.parse("\"a\\\"b\\\\c\\/d\\ne\\tf\\u00e9\""));
    }

    @Test
    void refusesWhatIsNotJson() {
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("<html>"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("{\"a\":1"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("[1,2] x"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse("\"open"));
        assertThrows(IllegalArgumentException.class, () -> JsonText.parse(""));
    }
}
