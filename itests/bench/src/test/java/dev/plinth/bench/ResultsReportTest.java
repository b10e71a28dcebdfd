package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsReportTest {

    @TempDir
    Path dir;

    private static Results results() {
        Results results = new Results();
        results.section("Hot deploy", "Felix+FileInstall poll=50");
        results.add(new Row("Hot deploy", "deploy.single.active_ms", "jar -> ACTIVE", "ms", Figure.of(16, 15, 20),
                Figure.of(80, 70, 90), Figure.of(3300), "median <= 50", Figure.of(1600)));
        results.add(new Row("Hot deploy", "scale.deploy.active_exponent", "k =", "", Figure.of(1.04), null, null, ""));
        results.note("Felix+FileInstall (default poll): stopped measuring: \"timed out\"");
        return results;
    }

    @Test
    void theTableShowsBothFiguresAndTheirRatio() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultsReport.table(new PrintStream(bytes, true, StandardCharsets.UTF_8), "Bench", results());
        String table = bytes.toString(StandardCharsets.UTF_8);
        String row = table.lines().filter(line -> line.startsWith("jar -> ACTIVE")).findFirst().orElseThrow();
        assertEquals(List.of("jar", "->", "ACTIVE", "ms", "16", "(15-20)", "80", "(70-90)", "0.20", "3300", "0.00",
                "1600", "0.01", "median", "<=", "50"), List.of(row.trim().split("\\s+")));
        assertTrue(table.contains("Hot deploy (reference: Felix+FileInstall poll=50)"), table);
        assertTrue(table.contains("note: Felix+FileInstall (default poll): stopped"), table);
    }

    @Test
    void oneResultLinePerFigure() {
        assertEquals(List.of("RESULT deploy.single.active_ms 16 ms", "RESULT deploy.single.active_ms.reference 80 ms",
                "RESULT deploy.single.active_ms.fileinstall_default 3300 ms",
                "RESULT deploy.single.active_ms.karaf 1600 ms", "RESULT deploy.single.active_ms.karaf_ratio 0.01 x",
                "RESULT deploy.single.active_ms.ratio 0.20 x", "RESULT scale.deploy.active_exponent 1.04 1"),
                ResultsReport.resultLines(results()));
    }

    @Test
    void theTimelineIsPrintedAndWritten() throws Exception {
        Results results = results();
        results.timeline("Startup timeline, restart", List.of(new TimelinePhase("JVM started", Figure.of(30, 20), 25),
                new TimelinePhase("ready line", Figure.of(900, 1000), 925)));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ResultsReport.table(new PrintStream(bytes, true, StandardCharsets.UTF_8), "Bench", results);
        String table = bytes.toString(StandardCharsets.UTF_8);
        String row = table.lines().filter(line -> line.startsWith("ready line")).findFirst().orElseThrow();
        assertEquals(List.of("ready", "line", "950", "(900-1000)", "925"), List.of(row.trim().split("\\s+")));
        Path file = dir.resolve("timeline.json");
        ResultsReport.writeJson(file, "Bench", results);
        String json = Files.readString(file);
        assertTrue(json.contains("\"Startup timeline, restart\": ["), json);
        assertTrue(json.contains("{\"phase\": \"ready line\", \"tookMs\": 925, \"atMs\": {\"median\": 950,"), json);
    }

    @Test
    void theJsonHoldsEveryValueAndEscapesText() throws Exception {
        Path file = dir.resolve("out/results.json");
        ResultsReport.writeJson(file, "Bench \"one\"", results());
        String json = Files.readString(file);
        assertTrue(json.contains("\"title\": \"Bench \\\"one\\\"\""), json);
        assertTrue(json.contains("\"key\": \"deploy.single.active_ms\""), json);
        assertTrue(json.contains("\"plinth\": {\"median\": 16, \"min\": 15, \"max\": 20, \"values\": [16, 15, 20]}"),
                json);
        assertTrue(json.contains("\"ratio\": 0.20"), json);
        assertTrue(json.contains("\"karaf\": {\"median\": 1600,"), json);
        assertTrue(json.contains("\"karafRatio\": 0.01"), json);
        assertTrue(json.contains("\"notes\": [\"Felix+FileInstall (default poll): stopped measuring: \\\"timed out\\\"\"]"),
                json);
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("812", ResultsReport.number(812.4));
        assertEquals("16.7", ResultsReport.number(16.71));
        assertEquals("1.04", ResultsReport.number(1.041));
        assertEquals("3", ResultsReport.number(3.0));
    }

    @Test
    void aRowNeedsItsSection() {
        assertThrows(IllegalArgumentException.class, () -> new Results().add(new Row("nowhere", "k", "m", "ms",
                Figure.of(1), null, null, "")));
    }
}
