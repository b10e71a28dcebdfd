package dev.plinth.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class OperationTest {

    private static Operation by(String origin) {
        return new Operation(1, null, Verb.INSTALL, "p", null, null, Operation.Outcome.SUCCEEDED, "", origin);
    }

    @Test
    void aChannelWithAWhoSplitsAtTheFirstColon() {
        assertEquals("rest", by("rest:admin").channel());
        assertEquals("admin", by("rest:admin").by());
        assertEquals("console", by("console:ops:x").channel());
        assertEquals("ops:x", by("console:ops:x").by());
    }

    @Test
    void aChannelAloneIsAlsoWhoAsked() {
        assertEquals("deploy", by("deploy").channel());
        assertEquals("deploy", by("deploy").by());
    }

    @Test
    void noOriginIsNoChannelAndNoOne() {
        assertNull(by(null).channel());
        assertNull(by(null).by());
    }
}
