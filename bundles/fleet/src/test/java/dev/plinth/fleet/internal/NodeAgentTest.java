package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;

class NodeAgentTest extends FleetTestBase {

    @Test
    void oneNodeConvergesOnAPublishAndReportsIt() throws Exception {
        FleetFixture.Node a = join("node-a").get(0);
        FleetService fleet = fleet();

        Publication published = fleet.publish(set(on("a", "1.0.0"), on("b", "1.0.0")), canaries("0"), 0,
                "test@node-a", false);
        assertEquals(1, published.generation().number());
        assertEquals(RolloutState.ROLLING, published.generation().state());
        assertEquals(Map.of("a", "aa01", "b", "bb01"), published.generation().archives());

        assertTrue(a.agent().step());

        assertEquals(Map.of("a", on("a", "1.0.0"), "b", on("b", "1.0.0")), a.runtime().installed());
        FleetStatus status = fleet.status();
        assertEquals(RolloutState.DONE, status.current().state());
        NodeStatus node = status.nodes().get(0);
        assertEquals("node-a", node.name());
        assertEquals(1, node.applied());
        assertEquals(1, node.target());
        assertEquals(NodeStatus.State.CONVERGED, node.state());
        assertEquals("ok", node.health());
        assertEquals(List.of(), node.drift());
        assertFalse(node.stale());
        assertTrue(Files.readString(a.record()).contains("\"applied\": 1"), Files.readString(a.record()));
    }

    @Test
    void theCanariesGoFirstThenEveryNode() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b", "node-c");
        Publication published = fleet().publish(set(on("a", "1.0.0")), canaries("1"), 0, "test", false);
        assertEquals(List.of("node-a"), published.generation().canaries());
        assertEquals(RolloutState.CANARY, published.generation().state());

        n.get(1).agent().step();
        n.get(2).agent().step();
        assertEquals(Map.of(), n.get(1).runtime().installed(), "node-b waits for the canary");
        assertEquals(NodeStatus.State.WAITING, node("node-b").state());

        n.get(0).agent().step();
        assertEquals(1, n.get(0).agent().applied());
        assertEquals(RolloutState.ROLLING, generation(1).state(), "the healthy canary opens the wave");
        assertTrue(node("node-a").canary());

        n.get(1).agent().step();
        assertEquals(RolloutState.ROLLING, generation(1).state(), "node-c has not applied it yet");
        n.get(2).agent().step();
        assertEquals(RolloutState.DONE, generation(1).state());
        for (FleetFixture.Node node : n) {
            assertEquals(Map.of("a", on("a", "1.0.0")), node.runtime().installed(), node.name());
            assertEquals(NodeStatus.State.CONVERGED, node(node.name()).state());
        }
    }

    @Test
    void aCanaryThatFailsHaltsTheWaveAndReturnsToTheLastGoodGeneration() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        n.get(0).runtime().failStart("a", "2.0.0");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        stepAll();
        assertEquals(RolloutState.DONE, generation(1).state());

        fleet().publish(set(on("a", "2.0.0")), canaries("1"), 0, "test", false);
        n.get(0).agent().step();

        assertEquals(RolloutState.HALTED, generation(2).state());
        assertTrue(generation(2).reason().startsWith("canary node-a: START_FAILED: cannot enable a 2.0.0"),
                generation(2).reason());
        NodeStatus a = node("node-a");
        assertEquals(NodeStatus.State.CONVERGED, a.state(), "back on generation 1 in the same round");
        assertEquals(1, a.applied());
        assertEquals(1, a.target());
        assertTrue(a.failure().contains("boom"), a.failure());

        int applies = n.get(1).runtime().applies;
        n.get(1).agent().step();
        assertEquals(applies, n.get(1).runtime().applies, "node-b does not take a halted generation");
        assertEquals(1, node("node-b").target());

        n.get(0).agent().step();
        assertEquals(Map.of("a", on("a", "1.0.0")), n.get(0).runtime().installed(), "the canary went back");
        assertEquals(NodeStatus.State.CONVERGED, node("node-a").state());
        assertTrue(node("node-a").failure().contains("boom"), "its failure stays shown");
    }

    @Test
    void aCanaryThatDoesNotReportInTimeHaltsTheWave() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        fleet().publish(set(on("a", "1.0.0")), canaries("1"), 0, "test", false);
        fixture.execute("UPDATE plinth_fleet.generation SET published_at = now() - interval '121 seconds' "
                + "WHERE grp = '" + group + "'");

        n.get(1).agent().step();

        assertEquals(RolloutState.HALTED, generation(1).state());
        assertEquals("canary node-a did not report healthy within 120 s", generation(1).reason());
        assertEquals(Map.of(), n.get(1).runtime().installed());
    }

    @Test
    void aHaltedRolloutWithAutomaticRollbackRepublishesTheLastGoodGeneration() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        n.get(1).runtime().failStart("b", "2.0.0");
        fleet().publish(set(on("a", "1.0.0"), on("b", "1.0.0")), canaries("0"), 0, "test", false);
        stepAll();
        fleet().publish(set(on("a", "2.0.0"), on("b", "2.0.0")), new Rollout("0", 120, true), 0, "test", false);

        n.get(0).agent().step();
        assertEquals(Map.of("a", on("a", "2.0.0"), "b", on("b", "2.0.0")), n.get(0).runtime().installed());
        n.get(1).agent().step();

        assertEquals(RolloutState.ROLLED_BACK, generation(2).state());
        assertTrue(generation(2).reason().startsWith("node-b: START_FAILED"), generation(2).reason());
        var three = generation(3);
        assertEquals(RolloutState.ROLLING, three.state());
        assertEquals(2, three.rollbackOf());
        assertEquals(generation(1).plugins(), three.plugins());
        assertEquals("auto-rollback@node-b", three.publishedBy());

        stepAll();
        stepAll();
        assertEquals(RolloutState.DONE, generation(3).state());
        for (FleetFixture.Node node : n) {
            assertEquals(Map.of("a", on("a", "1.0.0"), "b", on("b", "1.0.0")), node.runtime().installed());
            assertEquals(3, node.agent().applied());
        }
    }

    @Test
    void aNewerPublishSupersedesAWaveInProgress() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        n.get(0).agent().step();
        assertEquals(RolloutState.ROLLING, generation(1).state());

        fleet().publish(set(on("a", "2.0.0")), canaries("0"), 0, "test", false);

        assertEquals(RolloutState.SUPERSEDED, generation(1).state());
        assertEquals("generation 2 was published before it was done", generation(1).reason());
        stepAll();
        assertEquals(RolloutState.DONE, generation(2).state());
        assertEquals(Map.of("a", on("a", "2.0.0")), n.get(1).runtime().installed());
    }

    @Test
    void aRollbackRepublishesThePreviousGenerationToEveryNodeAtOnce() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        assertEquals(PluginException.Code.NOT_FOUND, assertThrows(PluginException.class,
                () -> fleet().rollback("test", false)).code());
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        stepAll();
        fleet().publish(set(on("a", "2.0.0")), canaries("1"), 0, "test", false);
        stepAll();
        stepAll();
        assertEquals(RolloutState.DONE, generation(2).state());

        Publication dryRun = fleet().rollback("ops", true);
        assertTrue(dryRun.simulated());
        assertEquals(3, dryRun.generation().number());
        assertEquals(List.of(new dev.plinth.api.catalog.Change(dev.plinth.api.catalog.Change.Action.UPGRADE, "a",
                "2.0.0", "1.0.0")), dryRun.plans().get(0).changes());
        assertEquals(RolloutState.DONE, generation(2).state(), "a dry run changes nothing");

        Publication rollback = fleet().rollback("ops", false);
        assertEquals(2, rollback.generation().rollbackOf());
        assertEquals(RolloutState.ROLLING, rollback.generation().state());
        assertEquals(List.of(), rollback.generation().canaries());
        assertEquals(RolloutState.ROLLED_BACK, generation(2).state());
        stepAll();
        for (FleetFixture.Node node : n) {
            assertEquals(Map.of("a", on("a", "1.0.0")), node.runtime().installed());
        }
        assertEquals(RolloutState.DONE, generation(3).state());
    }

    @Test
    void aNodeWhoseCatalogueGivesOtherBytesFailsTheGeneration() throws Exception {
        List<FleetFixture.Node> n = join("node-a");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        n.get(0).runtime().offer("a", "1.0.0", "ff99");

        n.get(0).agent().step();

        assertEquals(Map.of(), n.get(0).runtime().installed());
        NodeStatus a = node("node-a");
        assertEquals(NodeStatus.State.FAILED, a.state());
        assertEquals("CHECKSUM_MISMATCH: a 1.0.0: the catalogues of this node give SHA-256 ff99, generation 1 was "
                + "published with aa01", a.failure());
        assertEquals(RolloutState.HALTED, generation(1).state());
    }

    @Test
    void pluginsChangedBehindTheFleetsBackAreSetRightAgain() throws Exception {
        FleetFixture.Node a = join("node-a").get(0);
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        a.agent().step();
        a.runtime().set(new PluginSet.Member("a", "1.0.0", false, false));
        a.runtime().set(on("b", "1.0.0"));

        a.agent().step();

        assertEquals(Map.of("a", on("a", "1.0.0")), a.runtime().installed());
        assertEquals(NodeStatus.State.CONVERGED, node("node-a").state());
        assertEquals(2, a.runtime().applies);
    }

    @Test
    void aProblemTheApplyCannotFixIsShownAndNotRetriedInALoop() throws Exception {
        FleetFixture.Node a = join("node-a").get(0);
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        a.agent().step();
        a.runtime().failStart("a", "1.0.0");

        a.agent().step();
        a.agent().step();
        a.agent().step();

        assertEquals(2, a.runtime().applies, "one apply, one try to set it right");
        NodeStatus status = node("node-a");
        assertEquals(NodeStatus.State.FAILED, status.state());
        assertTrue(status.health().startsWith("a 1.0.0 is failed: activator of a threw"), status.health());
        assertTrue(status.failure().startsWith("START_FAILED: cannot enable a 1.0.0"), status.failure());
    }

    @Test
    void withoutItsDatabaseANodeKeepsWhatItRunsSaysSoOnceAndCatchesUpWhenItIsBack() throws Exception {
        FleetFixture.Node a = join("node-a").get(0);
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        a.agent().step();
        fleet().publish(set(on("a", "2.0.0")), canaries("0"), 0, "test", false);

        fixture.cutOff();
        try {
            assertFalse(a.agent().step());
            assertFalse(a.agent().step());
            PluginException down = assertThrows(PluginException.class, () -> fleet().status());
            assertEquals(PluginException.Code.FLEET_UNAVAILABLE, down.code());
            assertTrue(down.getMessage().startsWith("the fleet's database at 127.0.0.1:"), down.getMessage());
            assertEquals(Map.of("a", on("a", "1.0.0")), a.runtime().installed(), "it keeps what it runs");
            assertEquals(1, a.log().warnings().size(), a.log().lines.toString());
            assertTrue(a.log().warnings().get(0).contains("this node keeps generation 1"), a.log().warnings().get(0));
        } finally {
            fixture.reconnect();
        }

        assertTrue(a.agent().step());

        assertEquals(Map.of("a", on("a", "2.0.0")), a.runtime().installed());
        assertEquals(2, a.agent().applied());
        assertTrue(a.log().lines.stream().anyMatch(l -> l.startsWith("INFO the fleet's database at")
                && l.contains("is reachable again")), a.log().lines.toString());
        for (String line : a.log().lines) {
            assertFalse(line.contains(FleetFixture.PASSWORD), line);
        }
    }

    @Test
    void aNotificationWakesAnIdleAgentLongBeforeItsPoll() throws Exception {
        FleetSettings settings = fixture.settings(group, "node-a", Duration.ofSeconds(120), canaries("0"));
        FleetFixture.Node a = fixture.node(settings, data, catalogue());
        a.agent().start();
        try {
            FleetService fleet = fleet();
            await(() -> {
                try {
                    return !fleet.nodes().isEmpty();
                } catch (PluginException e) {
                    return false;
                }
            }, Duration.ofSeconds(20));
            assertEquals(List.of("node-a"), fleet().nodes().stream().map(NodeStatus::name).toList());

            fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);

            long published = System.nanoTime();
            assertTrue(await(() -> a.agent().applied() == 1, Duration.ofSeconds(20)), "the node applied it");
            assertTrue(System.nanoTime() - published < Duration.ofSeconds(10).toNanos(),
                    "woken by the notification, not by its poll of 120 s");
        } finally {
            long start = System.nanoTime();
            a.agent().stop();
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "stop is prompt");
        }
        assertNull(Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(NodeAgent.THREAD))
                .findFirst().orElse(null), "the agent's thread is gone");
    }

    @Test
    void aNodeDownDuringARolloutConvergesAtItsNextStartAndARestartAppliesNothingAgain() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        n.get(0).agent().step();
        fixture.execute("UPDATE plinth_fleet.node SET last_seen = now() - interval '1 hour' WHERE grp = '" + group
                + "' AND name = 'node-b'");
        n.get(0).agent().step();
        assertEquals(RolloutState.DONE, generation(1).state(), "done once every live node runs it");

        FleetFixture.Node restarted = fixture.node(group, "node-b", data, n.get(1).runtime());
        assertTrue(restarted.agent().step());
        assertEquals(Map.of("a", on("a", "1.0.0")), restarted.runtime().installed());
        assertEquals(1, restarted.runtime().applies);

        FleetFixture.Node again = fixture.node(group, "node-b", data, n.get(1).runtime());
        assertEquals(1, again.agent().applied(), "read from node.json");
        assertTrue(again.agent().step());
        assertEquals(1, again.runtime().applies, "nothing applied again");
        assertEquals(NodeStatus.State.CONVERGED, node("node-b").state());
    }

    @Test
    void aRestartedNodeRemembersTheGenerationItFailed() throws Exception {
        List<FleetFixture.Node> n = join("node-a");
        n.get(0).runtime().failStart("a", "1.0.0");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        n.get(0).agent().step();
        assertEquals(RolloutState.HALTED, generation(1).state());

        FleetFixture.Node restarted = fixture.node(group, "node-a", data, n.get(0).runtime());
        assertTrue(restarted.agent().step());

        NodeStatus a = node("node-a");
        assertEquals(NodeStatus.State.FAILED, a.state());
        assertTrue(a.failure().startsWith("START_FAILED: cannot enable a 1.0.0"), a.failure());
    }
}
