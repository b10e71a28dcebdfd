package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class DeployBenchTest {

    @Test
    void theChainRowsShowTheirTargets() {
        Map<String, List<Long>> plinth = Map.of(DeployRun.chainActive(100), List.of(300_000L),
                DeployRun.chainActive(500), List.of(1_000_000L), DeployRun.chainActive(2000), List.of(3_600_000L));
        Results results = new Results();
        DeployBench.report(results, Map.of(DeployBench.PLINTH, plinth), List.of(100, 500, 2000));

        Map<String, String> targets = new java.util.HashMap<>();
        results.rows(DeployBench.SCALE).forEach(row -> targets.put(row.key(), row.target()));
        assertEquals("", targets.get("scale.deploy.chain100.active_ms"));
        assertEquals("<= 1500", targets.get("scale.deploy.chain500.active_ms"));
        assertEquals("<= 2500", targets.get("scale.deploy.chain2000.active_ms"));
        assertEquals(3600.0, results.rows(DeployBench.SCALE).stream()
                .filter(row -> row.key().equals("scale.deploy.chain2000.active_ms")).findFirst().orElseThrow()
                .plinth().median());
    }
}
