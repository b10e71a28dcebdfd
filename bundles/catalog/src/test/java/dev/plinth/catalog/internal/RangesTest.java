package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RangesTest {

    @Test
    void aHalfOpenRangeReadsAsInterval() {
        assertEquals("[1.0.0,2.0.0)", Ranges.describe("(&(version>=1.0.0)(!(version>=2.0.0)))"));
        assertEquals("[0.1,1)", Ranges.describe("(&(version>=0.1)(!(version>=1)))"));
    }

    @Test
    void aClosedRangeReadsAsInterval() {
        assertEquals("[1.0.0,1.5.0]", Ranges.describe("(&(version>=1.0.0)(version<=1.5.0))"));
    }

    @Test
    void otherAttributesInTheFilterAreLeftOut() {
        assertEquals("[1.2.0,2.0.0)",
                Ranges.describe("(&(osgi.wiring.package=p)(version>=1.2.0)(!(version>=2.0.0)))"));
    }

    @Test
    void oneBoundReadsAsAComparison() {
        assertEquals(">= 1.0.0", Ranges.describe("(version>=1.0.0)"));
        assertEquals("< 2.0.0", Ranges.describe("(!(version>=2.0.0))"));
    }

    @Test
    void aFilterWithoutVersionBoundsIsShownAsItIs() {
        assertEquals("(version=1.0.0)", Ranges.describe("(version=1.0.0)"));
        assertEquals("", Ranges.describe(""));
    }
}
