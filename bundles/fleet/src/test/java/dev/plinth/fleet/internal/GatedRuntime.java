package dev.plinth.fleet.internal;

import java.util.List;
import java.util.Optional;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;

/** A {@link FakeRuntime} whose first catalogue lookup runs a gate first (a publish waiting there has its base). */
final class GatedRuntime implements LocalRuntime {

    /** What the first lookup waits for. */
    @FunctionalInterface
    interface Gate {
        void pass() throws Exception;
    }

    private final FakeRuntime runtime;
    private final Gate gate;
    private boolean passed;

    GatedRuntime(FakeRuntime runtime, Gate gate) {
        this.runtime = runtime;
        this.gate = gate;
    }

    @Override
    public Optional<String> sha256(String id, String version) throws PluginException {
        if (!passed) {
            passed = true;
            try {
                gate.pass();
            } catch (Exception e) {
                throw new IllegalStateException("the gate failed", e);
            }
        }
        return runtime.sha256(id, version);
    }

    @Override
    public java.util.Set<String> secretKeys(String id) {
        return runtime.secretKeys(id);
    }

    @Override
    public PluginSet export() {
        return runtime.export();
    }

    @Override
    public List<Change> simulate(PluginSet set) throws PluginException {
        return runtime.simulate(set);
    }

    @Override
    public List<Change> apply(PluginSet set) throws PluginException {
        return runtime.apply(set);
    }

    @Override
    public List<PluginInfo> plugins() {
        return runtime.plugins();
    }
}
