package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void medianOfOddAndEvenCounts() {
        List<Sample> odd = List.of(new Sample(30, 1, 1), new Sample(10, 1, 1), new Sample(20, 1, 1));
        assertEquals(20, Report.median(odd, Sample::readyMillis));
        List<Sample> even = List.of(new Sample(40, 1, 1), new Sample(10, 1, 1), new Sample(20, 1, 1),
                new Sample(30, 1, 1));
        assertEquals(25, Report.median(even, Sample::readyMillis));
    }

    @Test
    void tableShowsEveryRowWithItsFigures() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "Startup",
                Map.of("Plinth | first boot", List.of(new Sample(900, 850, 100 * 1024))));
        String table = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(table.contains("Plinth | first boot"), table);
        assertTrue(table.contains("900 900    -900") || table.contains("900     900-900"), table);
        assertTrue(table.contains("850"), table);
        assertTrue(table.contains("100"), table);
    }
}
