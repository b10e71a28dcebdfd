package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;

import dev.plinth.settings.internal.Fixtures.Attribute;

class AttributeValuesTest {

    private static final Attribute PORT = Attribute.of("port", AttributeDefinition.INTEGER, "8080");
    private static final Attribute NAMES = Attribute.of("names", AttributeDefinition.STRING).multiple(3);
    private static final Attribute MODE = Attribute.of("mode", AttributeDefinition.STRING).options("fast", "safe");
    private static final Attribute PASSWORD = Attribute.of("password", AttributeDefinition.PASSWORD)
            .refusing("hunter2");

    @Test
    void aMultiValuedAttributeSplitsOneTextOnCommasButNotOnEscapedOnes() {
        assertEquals(List.of("a", "b,c", "d"), AttributeValues.split(NAMES, List.of("a, b\\,c ,d")));
        assertEquals(List.of("a,b"), AttributeValues.split(PORT, List.of("a,b")));
        assertEquals(List.of("x", "y"), AttributeValues.split(NAMES, List.of("x", "y")));
    }

    @Test
    void theTypeTheCardinalityAndTheOptionsAreChecked() {
        assertEquals(Optional.of("'eighty' is not an integer"), AttributeValues.refusal(PORT, List.of("eighty")));
        assertEquals(Optional.of("takes one value, not 2"), AttributeValues.refusal(PORT, List.of("1", "2")));
        assertEquals(Optional.of("takes at most 3 values, not 4"),
                AttributeValues.refusal(NAMES, List.of("a", "b", "c", "d")));
        assertEquals(Optional.of("'slow' is not one of fast, safe"), AttributeValues.refusal(MODE, List.of("slow")));
        assertEquals(Optional.of("'maybe' is not true or false"), AttributeValues.refusal(
                Attribute.of("on", AttributeDefinition.BOOLEAN), List.of("maybe")));
        assertEquals(Optional.empty(), AttributeValues.refusal(PORT, List.of("9090")));
        assertEquals(Optional.empty(), AttributeValues.refusal(MODE, List.of("safe")));
    }

    @Test
    void aReferenceIsCheckedOnlyOnceResolved() {
        assertEquals(Optional.empty(), AttributeValues.refusal(PORT, List.of("$[env:PORT]")));
        assertEquals("$[env:PORT]", AttributeValues.typed(PORT, List.of("$[env:PORT]")));
    }

    @Test
    void aRefusalOfASecretNeverRepeatsItsValue() {
        Optional<String> refusal = AttributeValues.refusal(PASSWORD, List.of("hunter2"));
        assertTrue(refusal.isPresent());
        assertFalse(refusal.get().contains("hunter2"), refusal.get());
        Optional<String> options = AttributeValues.refusal(PASSWORD.options("a", "b"), List.of("hunter3"));
        assertFalse(options.orElseThrow().contains("hunter3"), options.get());
    }

    @Test
    void valuesAreTypedAsTheMetatypeSays() {
        assertEquals(9090, AttributeValues.typed(PORT, List.of("9090")));
        assertArrayEquals(new String[] {"a", "b"}, (String[]) AttributeValues.typed(NAMES, List.of("a", "b")));
        assertEquals(List.of(1L, 2L), AttributeValues.typed(
                Attribute.of("ids", AttributeDefinition.LONG).multiple(-5), List.of("1", "2")));
        assertEquals(Boolean.TRUE, AttributeValues.typed(Attribute.of("on", AttributeDefinition.BOOLEAN),
                List.of("true")));
    }

    @Test
    void aStoredValueIsRestoredWithItsType() {
        StoredValue port = AttributeValues.stored(8080, t -> t);
        assertEquals(8080, AttributeValues.restored(port, port.values()));
        StoredValue names = AttributeValues.stored(new String[] {"a", "b"}, t -> t);
        assertArrayEquals(new String[] {"a", "b"}, (String[]) AttributeValues.restored(names, names.values()));
        StoredValue ids = AttributeValues.stored(new long[] {1, 2}, t -> t);
        assertArrayEquals(new Long[] {1L, 2L}, (Long[]) AttributeValues.restored(ids, ids.values()));
    }
}
