package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployReportTest {

    private static Map<String, Map<String, List<Long>>> figures() {
        Map<String, Map<String, List<Long>>> figures = new LinkedHashMap<>();
        figures.put("Plinth", Map.of("single jar to ACTIVE", List.of(12_000L, 10_000L, 30_500L)));
        figures.put("Felix+FileInstall poll=50", Map.of("single jar to ACTIVE", List.of(80_000L)));
        return figures;
    }

    @Test
    void tableShowsMedianP95RangeInMillisAndTheTargetOnlyForPlinth() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DeployReport.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), "Hot deploy", figures(),
                List.of("a note"), "Plinth", Map.of("single jar to ACTIVE", "median <= 50"));
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(List.of("", "Hot deploy", "a note"), lines.subList(0, 3));
        String plinth = lines.get(4);
        assertTrue(plinth.startsWith("Plinth | single jar to ACTIVE"), plinth);
        assertTrue(plinth.matches(".* 12\\.0 +30\\.5 +10\\.0-30\\.5 +median <= 50$"), plinth);
        String felix = lines.get(5);
        assertTrue(felix.matches(".* 80\\.0 +80\\.0 +80\\.0-80\\.0 *$"), felix);
    }

    @Test
    void rawFileHasOneLinePerFigure(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("deploy.txt");
        DeployReport.write(file, "Hot deploy", figures(), List.of());
        List<String> lines = Files.readAllLines(file);
        assertEquals(2 + 4, lines.size());
        assertEquals("Plinth\tsingle jar to ACTIVE\t3\t30.5", lines.get(4));
    }
}
