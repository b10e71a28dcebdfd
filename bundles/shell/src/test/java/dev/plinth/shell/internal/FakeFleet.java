package dev.plinth.shell.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Fleet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;

/** A fleet of three nodes of group {@code default} at generation 7, recording what it is asked. */
final class FakeFleet implements Fleet {

    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");
    static final PluginSet SET = new PluginSet(List.of(new PluginSet.Member("dev.plinth.sample.hello", "1.0.0", true,
            false), new PluginSet.Member("dev.plinth.sample.versioned", "2.0.0", true, true)));
    static final Map<String, String> ARCHIVES = Map.of("dev.plinth.sample.hello", "aa11",
            "dev.plinth.sample.versioned", "bb22");

    static final Map<String, String> LIBRARIES = Map.of("dev.plinth.sample.greeting@1.0.0", "cc33");

    final List<String> calls = new ArrayList<>();
    PluginSet published;
    Rollout rollout;
    long basedOn = -1;
    String by;
    PluginException failure;

    static Generation generation(long number, Generation.RolloutState state, String reason, List<String> canaries) {
        return new Generation("default", number, "shell:ada@node-a", NOW.minusSeconds(60), 0,
                new Rollout("1", 120, false), state, reason, canaries, SET, ARCHIVES, LIBRARIES, "node-a");
    }

    static List<NodeStatus> nodeList() {
        return List.of(
                new NodeStatus("node-a", "default", 8, 8, NodeStatus.State.CONVERGED, true, List.of(), null, "ok",
                        NOW.minusSeconds(3), false),
                new NodeStatus("node-b", "default", 7, 8, NodeStatus.State.FAILED, false, List.of(),
                        "dev.plinth.sample.hello 1.0.0 cannot be resolved", "ok", NOW.minusSeconds(5), false),
                new NodeStatus("node-c", "default", 7, 7, NodeStatus.State.DRIFTED, false,
                        List.of("dev.plinth.sample.versioned 2.0.0: disabled, wanted enabled"),
                        null, "dev.plinth.sample.versioned is not enabled", NOW.minusSeconds(600), true));
    }

    @Override
    public NodeStatus.Identity self() {
        return new NodeStatus.Identity("node-a", "default");
    }

    @Override
    public Publication publish(PluginSet plugins, Rollout rollout, long basedOn, String by, boolean simulate)
            throws PluginException {
        calls.add("publish" + (simulate ? " simulated" : ""));
        fail();
        this.published = plugins;
        this.rollout = rollout;
        this.basedOn = basedOn;
        this.by = by;
        Generation next = new Generation("default", 8, by, NOW, 0, rollout.orElse(new Rollout("1", 120, false)),
                Generation.RolloutState.CANARY, null, List.of("node-a"), plugins, ARCHIVES, null, null);
        return new Publication(next, 7, simulate, List.of(
                new Publication.NodePlan("node-a", "canary", List.of(
                        new Change(Change.Action.INSTALL, "dev.plinth.sample.hello", null, "1.0.0"),
                        new Change(Change.Action.UPGRADE, "dev.plinth.sample.versioned", "1.0.0", "2.0.0"),
                        new Change(Change.Action.ENABLE, "dev.plinth.sample.hello", null, "1.0.0")), false),
                new Publication.NodePlan("node-b", "rest", List.of(), false),
                new Publication.NodePlan("node-c", "rest", List.of(
                        new Change(Change.Action.PIN, "dev.plinth.sample.versioned", null, "2.0.0")), true)));
    }

    @Override
    public Publication rollback(long basedOn, String by, boolean simulate) throws PluginException {
        calls.add("rollback" + (simulate ? " simulated" : "") + (basedOn != 0 ? " based on " + basedOn : ""));
        fail();
        this.by = by;
        Generation next = new Generation("default", 9, by, NOW, 8, new Rollout("0", 120, false),
                Generation.RolloutState.ROLLING, null, List.of(), SET, ARCHIVES, null, null);
        return new Publication(next, 8, simulate, List.of(new Publication.NodePlan("node-a", "rest", List.of(
                new Change(Change.Action.REMOVE, "dev.plinth.sample.extra", "1.0.0", null)), false)));
    }

    @Override
    public FleetStatus status() throws PluginException {
        calls.add("status");
        fail();
        return new FleetStatus("default", generation(8, Generation.RolloutState.HALTED,
                "node-b: dev.plinth.sample.hello 1.0.0 cannot be resolved", List.of("node-a")), nodeList());
    }

    @Override
    public List<NodeStatus> nodes() throws PluginException {
        calls.add("nodes");
        fail();
        return nodeList();
    }

    @Override
    public List<Generation> history(int limit) throws PluginException {
        calls.add("history " + limit);
        fail();
        Generation rolledBack = new Generation("default", 9, "rest:admin@node-b", NOW, 8,
                new Rollout("0", 120, true), Generation.RolloutState.ROLLING, null, List.of(), SET, ARCHIVES, null, null);
        return List.of(rolledBack, generation(8, Generation.RolloutState.ROLLED_BACK,
                "canary node-a did not report healthy within 120 s", List.of("node-a")),
                generation(7, Generation.RolloutState.DONE, null, List.of()));
    }

    @Override
    public Optional<Generation> generation(long number) throws PluginException {
        calls.add("generation " + number);
        fail();
        return number == 7 ? Optional.of(generation(7, Generation.RolloutState.DONE, null, List.of()))
                : Optional.empty();
    }

    @Override
    public void forget(String node) throws PluginException {
        calls.add("forget " + node);
        fail();
    }

    private void fail() throws PluginException {
        if (failure != null) {
            throw failure;
        }
    }
}
