package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProbeLineTest {

    @Test
    void parsesEventNameAndMicros() {
        assertEquals(new ProbeLine("STARTED", "bench.chain.p042", 1_700_000_000_123_456L),
                ProbeLine.parse("STARTED bench.chain.p042 1700000000123456"));
        assertEquals(new ProbeLine("UNINSTALLED", "bench.single", 5), ProbeLine.parse("UNINSTALLED bench.single 5\r"));
    }

    @Test
    void roundTripsThroughItsText() {
        ProbeLine line = new ProbeLine("ACTIVE", "org.apache.felix.fileinstall", 42);
        assertEquals(line, ProbeLine.parse(line.toString()));
    }

    @Test
    void refusesWhatIsNotAProbeLine() {
        assertThrows(IllegalArgumentException.class, () -> ProbeLine.parse("STARTED bench.single"));
        assertThrows(IllegalArgumentException.class, () -> ProbeLine.parse("STARTED bench.single soon"));
        assertThrows(IllegalArgumentException.class, () -> ProbeLine.parse("STARTED  bench.single 1"));
        assertThrows(IllegalArgumentException.class, () -> ProbeLine.parse("STARTED bench.single 1 2"));
    }

    @Test
    void microsAreSinceTheEpoch() {
        assertEquals(1_000_002L, ProbeLine.micros(Instant.ofEpochSecond(1, 2_999)));
    }
}
