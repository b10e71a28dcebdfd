package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployBenchTest {

    @Test
    void theChainRowsShowTheirTargets() {
        Map<String, List<Long>> plinth = Map.of(DeployRun.chainActive(100), List.of(300_000L),
                DeployRun.chainActive(500), List.of(1_000_000L), DeployRun.chainActive(2000), List.of(3_600_000L));
        Results results = new Results();
        DeployBench.report(results, Map.of(DeployBench.PLINTH, plinth), List.of(100, 500, 2000), Map.of());

        Map<String, String> targets = new java.util.HashMap<>();
        results.rows(DeployBench.SCALE).forEach(row -> targets.put(row.key(), row.target()));
        assertEquals("", targets.get("scale.deploy.chain100.active_ms"));
        assertEquals("<= 1500", targets.get("scale.deploy.chain500.active_ms"));
        assertEquals("<= 2500", targets.get("scale.deploy.chain2000.active_ms"));
        assertEquals(3600.0, results.rows(DeployBench.SCALE).stream()
                .filter(row -> row.key().equals("scale.deploy.chain2000.active_ms")).findFirst().orElseThrow()
                .plinth().median());
    }

    @Test
    void eachChainIsShownBesideItsFloorAndTheLongestFloorsPhasesAsATimeline() {
        Map<String, List<Long>> plinth = Map.of(DeployRun.chainActive(100), List.of(300_000L),
                DeployRun.chainActive(2000), List.of(3_000_000L, 2_800_000L, 2_900_000L));
        Map<Integer, List<Map<String, Double>>> floor = new java.util.LinkedHashMap<>();
        floor.put(100, List.of(ends(10, 60, 70, 71)));
        floor.put(2000, List.of(ends(300, 1500, 1700, 1720), ends(280, 1400, 1600, 1610), ends(320, 1600, 1800, 1830)));
        Results results = new Results();
        DeployBench.report(results, Map.of(DeployBench.PLINTH, plinth), List.of(100, 2000), floor);

        Row row = results.rows(DeployBench.FLOOR).stream()
                .filter(r -> r.key().equals("scale.deploy.chain2000.floor_ms")).findFirst().orElseThrow();
        assertEquals(2900.0, row.plinth().median());
        assertEquals(1720.0, row.reference().median());
        assertEquals(2900.0 / 1720.0, row.ratio(), 1e-9);
        assertEquals(71.0, results.rows(DeployBench.FLOOR).stream()
                .filter(r -> r.key().equals("scale.deploy.chain100.floor_ms")).findFirst().orElseThrow()
                .reference().median());
        assertEquals(1, results.timelines().size());
        String name = results.timelines().keySet().iterator().next();
        assertTrue(name.startsWith("The 2000-chain's floor"), name);
        List<TimelinePhase> phases = results.timelines().get(name);
        assertEquals(ChainFloor.PHASES, phases.stream().map(TimelinePhase::phase).toList());
        assertEquals(1200.0, phases.get(1).took(), 1e-9);
    }

    @Test
    void noFloorMeansNoFloorRows() {
        Results results = new Results();
        DeployBench.report(results, Map.of(DeployBench.PLINTH, Map.of(DeployRun.chainActive(100), List.of(1L))),
                List.of(100), Map.of());

        assertTrue(results.rows(DeployBench.SCALE).stream().noneMatch(r -> r.key().endsWith(".floor_ms")));
        assertTrue(results.rows(DeployBench.FLOOR).isEmpty());
        assertTrue(results.timelines().isEmpty());
    }

    @Test
    void aFloorThatFailsIsANoteAndIsNotAskedAgain(@TempDir Path work) throws Exception {
        Path options = java.nio.file.Files.writeString(work.resolve("jvm.options"), "-Xshare:auto\n");
        Map<Integer, List<Map<String, Double>>> floor = new java.util.LinkedHashMap<>();
        Results results = new Results();
        try (ChainFloorSession session = new ChainFloorSession(Path.of(System.getProperty("java.home")), options,
                work.resolve("no-felix.jar"), work.resolve("floor"), work.resolve("no-chain"))) {
            DeployBench.floorRun(session, 100, Duration.ofMinutes(2), floor, results);
            DeployBench.floorRun(session, 100, Duration.ofMinutes(2), floor, results);
        }

        assertTrue(floor.isEmpty());
        assertEquals(1, results.notes().size(), results.notes().toString());
        assertTrue(results.notes().get(0).startsWith("the chains' floor was not measured further"),
                results.notes().get(0));
    }

    private static Map<String, Double> ends(double kept, double installed, double resolved, double started) {
        Map<String, Double> ends = new java.util.LinkedHashMap<>();
        List<Double> values = List.of(kept, installed, resolved, started);
        for (int i = 0; i < values.size(); i++) {
            ends.put(ChainFloor.PHASES.get(i), values.get(i));
        }
        return ends;
    }
}
