package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;

/** Rows of the fleet's tables this bundle cannot read, written by SQL: the rest still works, and the row is named. */
class HostileRowsTest extends FleetTestBase {

    @ParameterizedTest
    @ValueSource(strings = {"plugins = '\"garbage\"'::jsonb", "plugins = '{\"plugins\": [{\"x\": 1}]}'::jsonb",
        "plugins = 'null'::jsonb", "archives = '[1, 2]'::jsonb", "state = 'exploded'"})
    void anUnreadableGenerationIsShownHaltedAndNoNodeAppliesIt(String damage) throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        stepAll();
        fleet().publish(set(on("a", "2.0.0")), canaries("0"), 0, "test", false);
        fixture.execute("UPDATE plinth_fleet.generation SET " + damage + " WHERE grp = '" + group
                + "' AND number = 2");

        n.get(0).agent().step();

        assertEquals(Map.of("a", on("a", "1.0.0")), n.get(0).runtime().installed(), "kept its plugins");
        FleetStatus status = fleet().status();
        Generation two = status.current();
        assertEquals(2, two.number());
        assertEquals(RolloutState.HALTED, two.state());
        assertTrue(two.reason().startsWith("unreadable row: generation 2's "), two.reason());
        assertFalse(two.reason().contains("Cannot") || two.reason().contains("token"), "no parser text: "
                + two.reason());
        assertEquals(List.of(), two.plugins().plugins());
        assertEquals(2, fleet().history(10).size());
        NodeStatus a = status.nodes().get(0);
        if (damage.startsWith("state")) {
            assertEquals(NodeStatus.State.CONVERGED, a.state(), "an unreadable state counts as halted: it stays on 1");
            assertEquals(1, a.target());
        } else {
            assertEquals(NodeStatus.State.FAILED, a.state(), "its target is 2, which it cannot read");
            assertTrue(a.failure().startsWith("generation 2 of group " + group + " cannot be read here"),
                    a.failure());
            assertEquals(1, n.get(0).log().lines.stream().filter(l -> l.startsWith("ERROR generation 2")).count());
            n.get(0).agent().step();
            assertEquals(1, n.get(0).log().lines.stream().filter(l -> l.startsWith("ERROR generation 2")).count(),
                    "said once: " + n.get(0).log().lines);
        }

        Publication rollback = fleet().rollback("ops", false);
        assertEquals(3, rollback.generation().number());
        assertEquals(set(on("a", "1.0.0")), rollback.generation().plugins(), "back to the last readable good one");
        Publication next = fleet().publish(set(on("b", "1.0.0")), canaries("0"), 0, "test", false);
        assertEquals(4, next.generation().number());
        stepAll();
        stepAll();
        assertEquals(RolloutState.DONE, generation(4).state());
        assertEquals(Map.of("b", on("b", "1.0.0")), n.get(1).runtime().installed());
        assertEquals(NodeStatus.State.CONVERGED, node("node-a").state());
    }

    @ParameterizedTest
    @ValueSource(strings = {"drift = '{\"x\": 1}'::jsonb", "current = '\"garbage\"'::jsonb", "state = 'odd'",
        "drift = '[null]'::jsonb"})
    void anUnreadableNodeRowIsNamedAndTheRestWorks(String damage) throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        fixture.execute("UPDATE plinth_fleet.node SET " + damage + " WHERE grp = '" + group
                + "' AND name = 'node-b'");

        List<NodeStatus> nodes = fleet().nodes();
        assertEquals(2, nodes.size());
        NodeStatus b = nodes.get(1);
        assertEquals(NodeStatus.State.DRIFTED, b.state());
        assertTrue(b.drift().get(0).startsWith("unreadable row: "), b.drift().toString());
        assertEquals(NodeStatus.State.CONVERGED, nodes.get(0).state());

        Publication published = fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        assertEquals(1, published.generation().number());
        stepAll();
        assertEquals(Map.of("a", on("a", "1.0.0")), n.get(1).runtime().installed());
        assertEquals(NodeStatus.State.CONVERGED, node("node-b").state(), "its next full write repairs the row");
        assertEquals(List.of(), node("node-b").drift());
    }

    @Test
    void aNodeLeftWaitingIsNotWaitingOnceTheCanaryWaveHalted() throws Exception {
        List<FleetFixture.Node> n = join("node-a", "node-b");
        fleet().publish(set(on("a", "1.0.0")), canaries("1"), 0, "test", false);
        n.get(1).agent().step();
        assertEquals(NodeStatus.State.WAITING, node("node-b").state());
        fixture.execute("UPDATE plinth_fleet.generation SET published_at = now() - interval '121 seconds' "
                + "WHERE grp = '" + group + "'");

        n.get(1).agent().step();

        assertEquals(RolloutState.HALTED, generation(1).state());
        assertEquals(NodeStatus.State.CONVERGED, node("node-b").state(), "the node that halted it shows it at once");
    }
}
