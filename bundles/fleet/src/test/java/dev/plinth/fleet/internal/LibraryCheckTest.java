package dev.plinth.fleet.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.NodeStatus;

/** Libraries (bundles installed only for the plugins' requirements) run with the same bytes on every node. */
class LibraryCheckTest extends FleetTestBase {

    private static final Map<String, String> RECORDED = Map.of("lib@1.0.0", "cc01", "base@1.0.0", "dd01");

    /** Plugin a 1.0.0 needs library lib 1.0.0, which needs library base 1.0.0. */
    private static FakeRuntime withLibraries() {
        return catalogue().offer("lib", "1.0.0", "cc01").offer("base", "1.0.0", "dd01")
                .needs("a", "1.0.0", "lib", "1.0.0").needs("lib", "1.0.0", "base", "1.0.0");
    }

    private FleetFixture.Node joinWith(String name, FakeRuntime runtime) throws SQLException {
        FleetFixture.Node node = fixture.node(group, name, data, runtime);
        assertTrue(node.agent().step(), name + " joins");
        nodes.add(node);
        return node;
    }

    @Test
    void theFirstNodeToApplyRecordsItsLibrariesAndTheOthersRunTheSameBytes() throws Exception {
        FleetFixture.Node a = joinWith("node-a", withLibraries());
        FleetFixture.Node b = joinWith("node-b", withLibraries());
        fleet().publish(set(on("a", "1.0.0")), canaries("1"), 0, "test", false);
        assertEquals(Map.of(), generation(1).libraries());
        assertNull(generation(1).librariesRecordedBy());

        a.agent().step();
        Generation one = generation(1);
        assertEquals(RECORDED, one.libraries(), "libraries reached through other libraries count too");
        assertEquals("node-a", one.librariesRecordedBy());
        assertEquals(Map.of("a", "aa01"), one.archives());

        b.agent().step();
        assertEquals(RolloutState.DONE, generation(1).state());
        assertEquals(NodeStatus.State.CONVERGED, node("node-b").state());
        assertEquals("node-a", generation(1).librariesRecordedBy());
    }

    @Test
    void aNodeWhoseCataloguesGiveOtherBytesForALibraryRefusesTheGenerationBeforeChangingAnything() throws Exception {
        FleetFixture.Node a = joinWith("node-a", withLibraries());
        FleetFixture.Node b = joinWith("node-b", withLibraries().offer("lib", "1.0.0", "ff99"));
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);

        a.agent().step();
        b.agent().step();

        assertEquals(Map.of(), b.runtime().installed(), "node-b changed nothing");
        assertEquals(0, b.runtime().applies);
        String failure = "CHECKSUM_MISMATCH: library lib 1.0.0: the catalogues of this node give SHA-256 ff99, node-a "
                + "recorded cc01 when it applied generation 1";
        NodeStatus status = node("node-b");
        assertEquals(NodeStatus.State.FAILED, status.state());
        assertEquals(failure, status.failure());
        assertEquals(RolloutState.HALTED, generation(1).state());
        assertEquals("node-b: " + failure, generation(1).reason());
    }

    @Test
    void aNodeThatInstalledOtherBytesOfALibraryFailsTheGenerationAfterTheApply() throws Exception {
        FleetFixture.Node a = joinWith("node-a", withLibraries());
        FleetFixture.Node b = joinWith("node-b", withLibraries().installLibrary("lib", "1.0.0", "ee77"));
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);

        a.agent().step();
        b.agent().step();

        assertEquals(1, b.runtime().applies);
        NodeStatus status = node("node-b");
        assertEquals(NodeStatus.State.FAILED, status.state());
        assertEquals(0, status.applied());
        assertEquals("CHECKSUM_MISMATCH: library lib 1.0.0: the installed archive has SHA-256 ee77, node-a recorded "
                + "cc01 when it applied generation 1", status.failure());
        assertEquals(RolloutState.HALTED, generation(1).state());
        assertEquals(RECORDED, generation(1).libraries(), "node-b's bytes did not replace the record");
    }

    @Test
    void whenTwoNodesApplyAtOnceTheFirstRecordWinsAndTheOtherIsCheckedAgainstIt() throws Exception {
        FleetFixture.Node a = joinWith("node-a", withLibraries().installLibrary("lib", "1.0.0", "ee77"));
        FleetFixture.Node b = joinWith("node-b", withLibraries());
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        a.runtime().duringApply = () -> {
            a.runtime().duringApply = () -> { };
            assertTrue(b.agent().step(), "node-b applies while node-a is applying");
        };

        a.agent().step();

        assertEquals(1, b.agent().applied());
        assertEquals("node-b", generation(1).librariesRecordedBy());
        assertEquals(RECORDED, generation(1).libraries());
        NodeStatus status = node("node-a");
        assertEquals(NodeStatus.State.FAILED, status.state());
        assertEquals("CHECKSUM_MISMATCH: library lib 1.0.0: the installed archive has SHA-256 ee77, node-b recorded "
                + "cc01 when it applied generation 1", status.failure());
        assertEquals(RolloutState.HALTED, generation(1).state());
    }

    @Test
    void aRecordIsWrittenOnce() throws Exception {
        joinWith("node-a", withLibraries());
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        try (Connection c = fixture.database(fixture.settings(group, "node-x")).connect()) {
            assertTrue(LibraryRecord.write(c, group, 1, "node-x", Map.of("lib@1.0.0", "11")));
            assertFalse(LibraryRecord.write(c, group, 1, "node-y", Map.of("lib@1.0.0", "22")));
        }
        assertEquals(Map.of("lib@1.0.0", "11"), generation(1).libraries());
        assertEquals("node-x", generation(1).librariesRecordedBy());
    }

    @Test
    void libraryBytesChangedBehindTheFleetsBackAreShownAsDrift() throws Exception {
        FleetFixture.Node a = joinWith("node-a", withLibraries());
        FleetFixture.Node b = joinWith("node-b", withLibraries());
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);
        stepAll();
        assertEquals(RolloutState.DONE, generation(1).state());

        b.runtime().installLibrary("lib", "1.0.0", "ee77");
        b.agent().step();

        NodeStatus status = node("node-b");
        assertEquals(List.of("library lib 1.0.0: archive differs from the SHA-256 recorded by node-a"),
                status.drift());
        assertEquals(NodeStatus.State.FAILED, status.state(), status.toString());
        assertEquals(NodeStatus.State.CONVERGED, node(a.name()).state());
    }

    @Test
    void aLibraryThisNodesResolverPickedInsteadOfTheRecordedOneIsShownAsDrift() throws Exception {
        FleetFixture.Node a = joinWith("node-a", withLibraries());
        FleetFixture.Node b = joinWith("node-b", catalogue().offer("lib", "1.1.0", "cc11").offer("base", "1.0.0",
                "dd01").needs("a", "1.0.0", "lib", "1.1.0").needs("lib", "1.1.0", "base", "1.0.0"));
        fleet().publish(set(on("a", "1.0.0")), canaries("0"), 0, "test", false);

        a.agent().step();
        b.agent().step();

        NodeStatus status = node("node-b");
        assertEquals(1, status.applied());
        assertEquals(NodeStatus.State.DRIFTED, status.state());
        assertEquals(List.of("library lib 1.1.0: not among the libraries recorded by node-a (lib 1.0.0)"),
                status.drift());
        assertEquals(RolloutState.DONE, generation(1).state(), "a drift does not halt the wave");
    }

    @Test
    void theRecordHoldsLibrariesReachedThroughWiresAndFragmentsButNotThoseOfPluginsOutsideTheSetNorSystemBundles() {
        List<PluginInfo> plugins = List.of(info("a", PluginKind.PLUGIN, "aa01", null, "lib", "other", "framework"),
                info("lib", PluginKind.LIBRARY, "CC01", null, "base"), info("base", PluginKind.LIBRARY, "dd01", null),
                info("lib.nls", PluginKind.LIBRARY, "ee01", "lib"), info("a.fragment", PluginKind.LIBRARY, "ff01",
                        "a"),
                info("other", PluginKind.PLUGIN, "0101", null, "other.lib"), info("other.lib", PluginKind.LIBRARY, "0202",
                        null),
                info("framework", PluginKind.SYSTEM, null, null));

        assertEquals(Map.of("lib@1.0.0", "cc01", "base@1.0.0", "dd01", "lib.nls@1.0.0", "ee01",
                "a.fragment@1.0.0", "ff01"), LibraryCheck.wired(set(on("a", "1.0.0")), plugins));
    }

    private static PluginInfo info(String id, PluginKind kind, String sha, String host, String... requires) {
        return new PluginInfo(id, "1.0.0", id, "", "", "", "", kind, PluginState.ENABLED, 1, List.of(requires),
                List.of(), null, null, sha, "catalog", java.time.Instant.EPOCH, null, host);
    }
}
