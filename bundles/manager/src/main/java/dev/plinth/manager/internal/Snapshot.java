package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;

/**
 * What reads see: an immutable picture of every bundle, taken on the operation queue between operations, so
 * that no read observes a half-applied operation.
 */
final class Snapshot {

    static final Snapshot EMPTY = new Snapshot(Map.of());

    private final Map<String, PluginInfo> bundles;

    private Snapshot(Map<String, PluginInfo> bundles) {
        this.bundles = bundles;
    }

    /**
     * The picture of {@code framework}'s bundles and {@code state}'s records; {@code installers} names who installed
     * a bundle the manager did not (null when unknown).
     */
    static Snapshot take(Bundle[] framework, StoreState state, Function<Bundle, String> installers) {
        Map<String, PluginInfo> bundles = new LinkedHashMap<>();
        for (Bundle bundle : framework) {
            String id = FrameworkAccess.id(bundle);
            if (id == null) {
                continue;
            }
            StoredPlugin record = FrameworkAccess.managed(bundle) ? state.get(id).orElse(null) : null;
            PluginInfo info = info(bundle, record, record == null ? installers.apply(bundle) : null);
            if (record != null || !bundles.containsKey(id)) {
                bundles.put(id, info);
            }
        }
        for (StoredPlugin record : state.all()) {
            bundles.computeIfAbsent(record.id(), id -> absent(record));
        }
        return new Snapshot(Map.copyOf(bundles));
    }

    List<PluginInfo> of(PluginKind... kinds) {
        List<PluginInfo> found = new ArrayList<>();
        for (PluginInfo info : bundles.values()) {
            for (PluginKind kind : kinds) {
                if (info.kind() == kind) {
                    found.add(info);
                }
            }
        }
        found.sort(Comparator.comparing(PluginInfo::id));
        return found;
    }

    Optional<PluginInfo> get(String id) {
        return Optional.ofNullable(bundles.get(id));
    }

    private static PluginInfo info(Bundle bundle, StoredPlugin record, String installedBy) {
        Dictionary<String, String> headers = bundle.getHeaders("");
        String id = FrameworkAccess.id(bundle);
        PluginKind kind = record != null ? record.kind()
                : FrameworkAccess.system(bundle) ? PluginKind.SYSTEM : PluginKind.UNMANAGED;
        TreeSet<String> requires = new TreeSet<>();
        FrameworkAccess.providers(bundle).forEach(provider -> requires.add(FrameworkAccess.id(provider)));
        TreeSet<String> requiredBy = new TreeSet<>();
        FrameworkAccess.requirers(bundle).forEach(requirer -> requiredBy.add(FrameworkAccess.id(requirer)));
        requires.remove(id);
        requiredBy.remove(id);
        return new PluginInfo(id, bundle.getVersion().toString(), header(headers, Constants.BUNDLE_NAME, id),
                header(headers, Constants.BUNDLE_DESCRIPTION, ""), header(headers, Constants.BUNDLE_VENDOR, ""),
                header(headers, Constants.BUNDLE_LICENSE, ""), header(headers, Constants.BUNDLE_DOCURL, ""), kind,
                state(bundle, record), bundle.getBundleId(), List.copyOf(requires), List.copyOf(requiredBy),
                record == null ? null : record.lastError(), record == null ? null : record.previousVersion(),
                record == null ? null : record.sha256(), record == null ? null : record.source(),
                record == null ? null : record.installedAt(), installedBy,
                Fragments.is(bundle) ? Fragments.hostName(bundle) : null);
    }

    private static PluginInfo absent(StoredPlugin record) {
        return new PluginInfo(record.id(), record.version(), record.id(), "", "", "", "", record.kind(),
                PluginState.FAILED, -1, List.of(), List.of(),
                record.lastError() != null ? record.lastError() : "not in the framework; restart Plinth to reconcile",
                record.previousVersion(), record.sha256(), record.source(), record.installedAt());
    }

    private static PluginState state(Bundle bundle, StoredPlugin record) {
        if (Fragments.attached(bundle)) {
            return PluginState.ENABLED;
        }
        return switch (bundle.getState()) {
            case Bundle.ACTIVE -> PluginState.ENABLED;
            case Bundle.STARTING -> PluginState.STARTING;
            case Bundle.STOPPING -> PluginState.STOPPING;
            default -> record != null && record.lastError() != null ? PluginState.FAILED : PluginState.INSTALLED;
        };
    }

    private static String header(Dictionary<String, String> headers, String name, String fallback) {
        String value = headers.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
