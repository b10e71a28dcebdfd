package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.fleet.NodeStatus;

/** Forgetting a node that left the group: refused while it is live. */
class ForgetTest extends FleetTestBase {

    @Test
    void aStaleNodeIsForgottenALiveOneIsNot() throws Exception {
        join("node-a", "node-b");

        PluginException live = assertThrows(PluginException.class, () -> fleet().forget("node-b"));
        assertEquals(PluginException.Code.BUSY, live.code());
        assertEquals("node node-b of group " + group + " is live (seen within 30 s): stop it, or take its "
                + "etc/dev.plinth.fleet.cfg.json away, and forget it once it is stale", live.getMessage());
        assertEquals(PluginException.Code.NOT_FOUND, assertThrows(PluginException.class,
                () -> fleet().forget("node-z")).code());
        assertEquals(PluginException.Code.INVALID_INPUT, assertThrows(PluginException.class,
                () -> fleet().forget("Node\u001bB")).code());
        assertEquals(2, fleet().nodes().size(), "nothing forgotten");

        fixture.execute("UPDATE plinth_fleet.node SET last_seen = now() - interval '1 hour' WHERE grp = '" + group
                + "' AND name = 'node-b'");
        fleet().forget("node-b");

        assertEquals(List.of("node-a"), fleet().nodes().stream().map(NodeStatus::name).toList());
    }
}
