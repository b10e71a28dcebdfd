package dev.plinth.fleet.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;
import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.PluginSet;

/**
 * A runtime in memory: catalogues that offer versions with a SHA-256 each, and plugins that an apply installs,
 * upgrades, enables and removes at once. A version can be made to fail its start. A version can need libraries: an
 * apply installs those missing from the catalogues (a library already installed keeps its bytes, as the manager
 * does) and drops those no plugin needs.
 */
final class FakeRuntime implements LocalRuntime {

    private final Map<String, String> catalogue = new HashMap<>();
    private final Map<String, PluginSet.Member> installed = new TreeMap<>();
    private final Map<String, String> failing = new HashMap<>();
    private final Map<String, List<String>> needs = new HashMap<>();
    private final Map<String, String> libraries = new TreeMap<>();
    private final Map<String, java.util.Set<String>> passwords = new HashMap<>();
    int applies;
    Runnable duringApply = () -> { };

    /** Makes {@code pidKey} ({@code pid/key}) of installed plugin {@code id} a PASSWORD attribute. */
    FakeRuntime password(String id, String pidKey) {
        passwords.computeIfAbsent(id, k -> new java.util.HashSet<>()).add(pidKey);
        return this;
    }

    @Override
    public synchronized java.util.Set<String> secretKeys(String id) {
        return installed.containsKey(id) ? passwords.getOrDefault(id, java.util.Set.of()) : java.util.Set.of();
    }

    /** Offers {@code id} {@code version} with the SHA-256 {@code sha}. */
    FakeRuntime offer(String id, String version, String sha) {
        catalogue.put(id + "@" + version, sha);
        return this;
    }

    /** Offers every version the other runtime offers. */
    FakeRuntime offerAll(FakeRuntime other) {
        catalogue.putAll(other.catalogue);
        return this;
    }

    /** Makes {@code id} {@code version} (a plugin or a library) need library {@code library} {@code version}. */
    FakeRuntime needs(String id, String version, String library, String libraryVersion) {
        needs.computeIfAbsent(id + "@" + version, k -> new ArrayList<>()).add(library + "@" + libraryVersion);
        return this;
    }

    /** Installs a library with the bytes {@code sha}, as an earlier apply from another catalogue would have. */
    synchronized FakeRuntime installLibrary(String id, String version, String sha) {
        libraries.put(id + "@" + version, sha);
        return this;
    }

    /** Makes {@code id} {@code version} fail to start. */
    FakeRuntime failStart(String id, String version) {
        failing.put(id + "@" + version, "activator of " + id + " threw IllegalStateException: boom");
        return this;
    }

    synchronized Map<String, PluginSet.Member> installed() {
        return Map.copyOf(installed);
    }

    /** Changes a plugin behind the fleet's back. */
    synchronized void set(PluginSet.Member member) {
        installed.put(member.id(), member);
    }

    @Override
    public synchronized Optional<String> sha256(String id, String version) {
        return Optional.ofNullable(catalogue.get(id + "@" + version));
    }

    @Override
    public synchronized PluginSet export() {
        return new PluginSet(new ArrayList<>(installed.values()));
    }

    @Override
    public synchronized List<Change> simulate(PluginSet set) throws PluginException {
        for (PluginSet.Member m : set.plugins()) {
            if (!catalogue.containsKey(m.id() + "@" + m.version())) {
                throw new PluginException(PluginException.Code.NOT_FOUND, "no catalogue offers " + m.id() + " "
                        + m.version());
            }
        }
        return PlanDiff.changes(export(), set);
    }

    @Override
    public List<Change> apply(PluginSet set) throws PluginException {
        duringApply.run();
        return applyNow(set);
    }

    private synchronized List<Change> applyNow(PluginSet set) throws PluginException {
        applies++;
        for (PluginSet.Member m : set.plugins()) {
            if (!catalogue.containsKey(m.id() + "@" + m.version())) {
                throw new PluginException(PluginException.Code.NOT_FOUND, "no catalogue offers " + m.id() + " "
                        + m.version());
            }
        }
        List<Change> changes = PlanDiff.changes(export(), set);
        installed.clear();
        for (PluginSet.Member m : set.plugins()) {
            String error = failing.get(m.id() + "@" + m.version());
            if (error != null && m.enabled()) {
                installed.put(m.id(), new PluginSet.Member(m.id(), m.version(), true, m.pinned()));
                throw new PluginException(PluginException.Code.START_FAILED, "cannot enable " + m.id() + " "
                        + m.version() + ": " + error);
            }
            installed.put(m.id(), m);
        }
        installLibraries();
        return changes;
    }

    private void installLibraries() throws PluginException {
        java.util.Set<String> needed = new java.util.TreeSet<>();
        java.util.Deque<String> next = new java.util.ArrayDeque<>();
        installed.values().forEach(m -> next.addAll(needs.getOrDefault(m.id() + "@" + m.version(), List.of())));
        while (!next.isEmpty()) {
            String key = next.pop();
            if (needed.add(key)) {
                next.addAll(needs.getOrDefault(key, List.of()));
            }
        }
        for (String key : needed) {
            if (!libraries.containsKey(key) && !catalogue.containsKey(key)) {
                throw new PluginException(PluginException.Code.UNRESOLVED, "no catalogue offers library " + key);
            }
            libraries.putIfAbsent(key, catalogue.get(key));
        }
        libraries.keySet().retainAll(needed);
    }

    private List<String> requires(String key) {
        return needs.getOrDefault(key, List.of()).stream().map(k -> k.substring(0, k.indexOf('@'))).toList();
    }

    @Override
    public synchronized List<PluginInfo> plugins() {
        List<PluginInfo> infos = new ArrayList<>();
        for (PluginSet.Member m : installed.values()) {
            boolean failed = failing.containsKey(m.id() + "@" + m.version());
            PluginState state = !m.enabled() ? PluginState.INSTALLED : failed ? PluginState.FAILED
                    : PluginState.ENABLED;
            infos.add(new PluginInfo(m.id(), m.version(), m.id(), "", "", "", "", PluginKind.PLUGIN, state, 1,
                    requires(m.id() + "@" + m.version()), List.of(), failed ? failing.get(m.id() + "@" + m.version()) : null, null,
                    catalogue.get(m.id() + "@" + m.version()), "catalog", Instant.EPOCH));
        }
        libraries.forEach((key, sha) -> {
            int at = key.indexOf('@');
            infos.add(new PluginInfo(key.substring(0, at), key.substring(at + 1), key, "", "", "", "",
                    PluginKind.LIBRARY, PluginState.ENABLED, 2, requires(key), List.of(), null, null, sha, "catalog",
                    Instant.EPOCH));
        });
        return infos;
    }
}
