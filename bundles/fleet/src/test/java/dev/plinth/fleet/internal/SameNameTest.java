package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.PluginException;
import dev.plinth.api.fleet.NodeStatus;

/** Two runtimes configured with the same node name in one group: the second does not take the first one's row. */
class SameNameTest extends FleetTestBase {

    @TempDir
    Path other;

    @Test
    void aSecondRuntimeOfTheSameNameIsRefusedWhileTheFirstIsLive() throws Exception {
        FleetFixture.Node first = join("node-a").get(0);
        FleetFixture.Node second = fixture.node(group, "node-a", other, catalogue());
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);

        second.agent().step();
        second.agent().step();

        assertEquals(Map.of(), second.runtime().installed(), "the second changes nothing");
        List<String> errors = second.log().lines.stream().filter(l -> l.startsWith("ERROR")).toList();
        assertEquals(1, errors.size(), second.log().lines.toString());
        assertTrue(errors.get(0).contains("another runtime is node node-a of group " + group), errors.get(0));
        assertTrue(node("node-a").drift().contains(Nodes.CONTESTED), node("node-a").drift().toString());
        FleetSettings secondSettings = fixture.settings(group, "node-a");
        FleetService secondFleet = new FleetService(fixture.database(secondSettings), second.runtime(), secondSettings,
                second.agent()::contested);
        PluginException refused = assertThrows(PluginException.class,
                () -> secondFleet.publish(set(on("a", "1.0.0")), canaries("0"), 0, "second", false));
        assertEquals(PluginException.Code.FLEET_UNAVAILABLE, refused.code());
        assertTrue(refused.getMessage().startsWith("another runtime is node node-a of group " + group
                + ", so this runtime has not joined and does not publish in its name"), refused.getMessage());
        assertEquals(PluginException.Code.FLEET_UNAVAILABLE,
                assertThrows(PluginException.class, () -> secondFleet.rollback(0, "second", true)).code());
        assertEquals(1, fleet().history(10).size(), "nothing published in the refused runtime's name");

        first.agent().step();
        assertEquals(Map.of("a", on("a", "1.0.0")), first.runtime().installed());
        assertEquals(NodeStatus.State.CONVERGED, node("node-a").state());
        assertEquals(List.of(), first.log().lines.stream().filter(l -> l.startsWith("ERROR")).toList());

        FleetFixture.Node restarted = fixture.node(group, "node-a", data, first.runtime());
        restarted.agent().step();
        assertEquals(List.of(), restarted.log().lines.stream().filter(l -> l.startsWith("ERROR")).toList(),
                "the same runtime started again (same host, same data) takes its row back at once");
        assertEquals(NodeStatus.State.CONVERGED, node("node-a").state());

        fixture.execute("UPDATE plinth_fleet.node SET last_seen = now() - interval '1 hour' WHERE grp = '" + group
                + "'");
        second.agent().step();
        assertEquals(Map.of("a", on("a", "1.0.0")), second.runtime().installed(), "the first has gone: it joins");
        assertTrue(second.log().lines.stream().anyMatch(l -> l.startsWith("INFO this runtime joined group")));

        first.agent().step();
        assertEquals(1, first.log().lines.stream().filter(l -> l.startsWith("ERROR another runtime took over "
                + "node node-a of group " + group)).count(), first.log().lines.toString());
        fixture.execute("UPDATE plinth_fleet.generation SET state = 'done' WHERE grp = '" + group + "'");
        first.agent().step();
        assertEquals(1, first.log().lines.stream().filter(l -> l.startsWith("ERROR")).count(), "said once");
        assertEquals(NodeStatus.State.CONVERGED, node("node-a").state());
    }
}
