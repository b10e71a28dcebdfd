package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;

class NodeAgentTest {

    static FleetFixture fixture;

    @TempDir
    Path data;

    @BeforeAll
    static void start() throws Exception {
        fixture = new FleetFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static FakeRuntime catalogue() {
        return new FakeRuntime().offer("a", "1.0.0", "aa01").offer("a", "2.0.0", "aa02").offer("b", "1.0.0", "bb01");
    }

    static PluginSet set(PluginSet.Member... members) {
        return new PluginSet(List.of(members));
    }

    static PluginSet.Member on(String id, String version) {
        return new PluginSet.Member(id, version, true, false);
    }

    @Test
    void oneNodeConvergesOnAPublishAndReportsIt() throws Exception {
        String group = FleetFixture.newGroup();
        FleetFixture.Node a = fixture.node(group, "node-a", data, catalogue());
        assertTrue(a.agent().step());
        FleetService fleet = new FleetService(fixture.database(fixture.settings(group, "node-a")), a.runtime(),
                fixture.settings(group, "node-a"));

        Publication published = fleet.publish(set(on("a", "1.0.0"), on("b", "1.0.0")), new Rollout("0", 60, false), 0,
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
}
