package dev.plinth.fleet.internal;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Rollout;

/** A throwaway PostgreSQL per test class, a group per test, and nodes driven one round at a time. */
abstract class FleetTestBase {

    static FleetFixture fixture;

    @TempDir
    Path data;

    String group;
    final List<FleetFixture.Node> nodes = new ArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        fixture = new FleetFixture();
    }

    @AfterAll
    static void stopServer() {
        fixture.close();
    }

    @BeforeEach
    void newGroup() {
        group = FleetFixture.newGroup();
    }

    static FakeRuntime catalogue() {
        return new FakeRuntime().offer("a", "1.0.0", "aa01").offer("a", "2.0.0", "aa02").offer("b", "1.0.0", "bb01")
                .offer("b", "2.0.0", "bb02");
    }

    static PluginSet set(PluginSet.Member... members) {
        return new PluginSet(List.of(members));
    }

    static PluginSet.Member on(String id, String version) {
        return new PluginSet.Member(id, version, true, false);
    }

    static Rollout canaries(String spec) {
        return new Rollout(spec, 120, false);
    }

    /** Nodes of the group, each registered by a first round. */
    List<FleetFixture.Node> join(String... names) throws SQLException {
        List<FleetFixture.Node> joined = new ArrayList<>();
        for (String name : names) {
            FleetFixture.Node node = fixture.node(group, name, data, catalogue());
            if (!node.agent().step()) {
                throw new IllegalStateException(name + " could not join: " + node.log().lines);
            }
            joined.add(node);
            nodes.add(node);
        }
        return joined;
    }

    /** One round of every node, in the order they joined. */
    void stepAll() {
        nodes.forEach(n -> n.agent().step());
    }

    /** Waits, at most {@code bound}, until {@code condition} holds; whether it did. */
    static boolean await(java.util.function.BooleanSupplier condition, java.time.Duration bound)
            throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    FleetService fleet() throws SQLException {
        return fleet(catalogue());
    }

    FleetService fleet(LocalRuntime runtime) throws SQLException {
        FleetSettings settings = fixture.settings(group, "publisher");
        return new FleetService(fixture.database(settings), runtime, settings);
    }

    Generation generation(long number) throws Exception {
        return fleet().generation(number).orElseThrow();
    }

    NodeStatus node(String name) throws PluginException, SQLException {
        FleetStatus status = fleet().status();
        return status.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }
}
