package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleRevision;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.PluginState;

/**
 * What reads see: an immutable picture of every bundle, taken on the operation queue between operations, so
 * that no read observes a half-applied operation. A picture lists each set of kinds once, sorted, and hands out
 * that same list to every read (which the REST API's rendered list relies on); the headers of each bundle revision
 * are read once and carried from one picture to the next, as a revision's headers never change. After an operation
 * that only started or stopped bundles, a picture is the previous one with the entries of those bundles and of the
 * changed records taken again.
 */
final class Snapshot {

    static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), StoreState.EMPTY, new ConcurrentHashMap<>());

    /** Above this many entries to take again, the whole picture is taken: about as quick, and simpler. */
    private static final int MOST_UPDATED = 64;

    private final Map<String, PluginInfo> bundles;
    private final Map<BundleRevision, Headers> headers;
    private final StoreState state;
    private final Map<Set<PluginKind>, List<PluginInfo>> lists;

    private Snapshot(Map<String, PluginInfo> bundles, Map<BundleRevision, Headers> headers, StoreState state,
            Map<Set<PluginKind>, List<PluginInfo>> lists) {
        this.bundles = bundles;
        this.headers = headers;
        this.state = state;
        this.lists = lists;
    }

    /**
     * The picture of {@code framework}'s bundles and {@code state}'s records; {@code installers} names who installed
     * a bundle the manager did not (null when unknown); the headers {@code previous} read are not read again.
     */
    static Snapshot take(Bundle[] framework, StoreState state, Function<Bundle, String> installers,
            Snapshot previous) {
        Map<String, PluginInfo> bundles = new LinkedHashMap<>(framework.length * 2);
        Map<BundleRevision, Headers> headers = new HashMap<>(framework.length * 2);
        for (Bundle bundle : framework) {
            String id = FrameworkAccess.id(bundle);
            if (id == null) {
                continue;
            }
            StoredPlugin record = FrameworkAccess.managed(bundle) ? state.get(id).orElse(null) : null;
            PluginInfo info = info(bundle, record, record == null ? installers.apply(bundle) : null,
                    headers(bundle, previous.headers, headers));
            if (record != null || !bundles.containsKey(id)) {
                bundles.put(id, info);
            }
        }
        for (StoredPlugin record : state.all()) {
            bundles.computeIfAbsent(record.id(), id -> absent(record));
        }
        return new Snapshot(Map.copyOf(bundles), headers, state, new ConcurrentHashMap<>());
    }

    /**
     * This picture with the entries of {@code started} (bundles that only started or stopped since: their wiring is
     * the same) and of the records {@code now} changed since this picture's state taken again; empty when only a
     * whole {@link #take} can say (a record added or removed, a bundle not pictured as it is now, wires that changed
     * without an event, as a dynamic import's, many changes).
     *
     * @param managed the managed bundle of an id, null when there is none
     */
    Optional<Snapshot> update(Collection<Bundle> started, StoreState now, Function<String, Bundle> managed,
            Function<Bundle, String> installers) {
        if (this == EMPTY || now.plugins().size() != state.plugins().size()) {
            return Optional.empty();
        }
        Map<String, Bundle> retaken = new HashMap<>();
        for (Bundle bundle : started) {
            String id = FrameworkAccess.id(bundle);
            if (id != null) {
                retaken.put(id, bundle);
            }
        }
        Iterator<Map.Entry<String, StoredPlugin>> before = state.plugins().entrySet().iterator();
        for (Map.Entry<String, StoredPlugin> record : now.plugins().entrySet()) {
            Map.Entry<String, StoredPlugin> was = before.next();
            if (!was.getKey().equals(record.getKey())) {
                return Optional.empty();
            }
            if (was.getValue() != record.getValue()) {
                Bundle bundle = managed.apply(record.getKey());
                if (bundle == null) {
                    return Optional.empty();
                }
                retaken.put(record.getKey(), bundle);
            }
        }
        if (retaken.size() > MOST_UPDATED) {
            return Optional.empty();
        }
        if (retaken.isEmpty()) {
            return Optional.of(new Snapshot(bundles, headers, now, lists));
        }
        Map<String, PluginInfo> next = new HashMap<>(bundles);
        for (Map.Entry<String, Bundle> entry : retaken.entrySet()) {
            Bundle bundle = entry.getValue();
            PluginInfo pictured = bundles.get(entry.getKey());
            BundleRevision revision = bundle.adapt(BundleRevision.class);
            Headers known = revision == null ? null : headers.get(revision);
            if (pictured == null || pictured.bundleId() != bundle.getBundleId() || known == null
                    || !entry.getKey().equals(FrameworkAccess.id(bundle))) {
                return Optional.empty();
            }
            StoredPlugin record = FrameworkAccess.managed(bundle) ? now.get(entry.getKey()).orElse(null) : null;
            PluginInfo info = info(bundle, record, record == null ? installers.apply(bundle) : null, known);
            if (!info.requires().equals(pictured.requires()) || !info.requiredBy().equals(pictured.requiredBy())) {
                return Optional.empty(); // a dynamic import wired meanwhile: the other side's entry changed too
            }
            next.put(entry.getKey(), info);
        }
        return Optional.of(new Snapshot(Map.copyOf(next), headers, now, new ConcurrentHashMap<>()));
    }

    /** The bundles of these kinds, sorted by id: the same unmodifiable list at each call. */
    List<PluginInfo> of(PluginKind... kinds) {
        Set<PluginKind> wanted = kinds.length == 0 ? EnumSet.noneOf(PluginKind.class) : EnumSet.of(kinds[0], kinds);
        return lists.computeIfAbsent(wanted, this::sorted);
    }

    private List<PluginInfo> sorted(Set<PluginKind> kinds) {
        List<PluginInfo> found = new ArrayList<>();
        for (PluginInfo info : bundles.values()) {
            if (kinds.contains(info.kind())) {
                found.add(info);
            }
        }
        found.sort(Comparator.comparing(PluginInfo::id));
        return List.copyOf(found);
    }

    Optional<PluginInfo> get(String id) {
        return Optional.ofNullable(bundles.get(id));
    }

    /** The headers of the bundle's current revision: those read before, or read now; kept in {@code into}. */
    private static Headers headers(Bundle bundle, Map<BundleRevision, Headers> before,
            Map<BundleRevision, Headers> into) {
        BundleRevision revision = bundle.getState() == Bundle.UNINSTALLED ? null
                : bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return Headers.of(bundle.getHeaders(""));
        }
        Headers known = before.get(revision);
        Headers read = known != null ? known : Headers.of(bundle.getHeaders(""));
        into.put(revision, read);
        return read;
    }

    private static PluginInfo info(Bundle bundle, StoredPlugin record, String installedBy, Headers headers) {
        String id = FrameworkAccess.id(bundle);
        PluginKind kind = record != null ? record.kind()
                : FrameworkAccess.system(bundle) ? PluginKind.SYSTEM : PluginKind.UNMANAGED;
        TreeSet<String> requires = new TreeSet<>();
        FrameworkAccess.providers(bundle).forEach(provider -> requires.add(FrameworkAccess.id(provider)));
        TreeSet<String> requiredBy = new TreeSet<>();
        FrameworkAccess.requirers(bundle).forEach(requirer -> requiredBy.add(FrameworkAccess.id(requirer)));
        requires.remove(id);
        requiredBy.remove(id);
        return new PluginInfo(id, bundle.getVersion().toString(), headers.name() != null ? headers.name() : id,
                headers.description(), headers.vendor(), headers.license(), headers.docUrl(), kind,
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
            case Bundle.STARTING -> record != null && record.lastError() != null ? PluginState.FAILED
                    : PluginState.STARTING;
            case Bundle.STOPPING -> PluginState.STOPPING;
            default -> record != null && record.lastError() != null ? PluginState.FAILED : PluginState.INSTALLED;
        };
    }

    /** The headers a picture shows of a bundle revision; {@code name} null when it has none. */
    private record Headers(String name, String description, String vendor, String license, String docUrl) {

        static Headers of(Dictionary<String, String> headers) {
            return new Headers(header(headers, Constants.BUNDLE_NAME, null),
                    header(headers, Constants.BUNDLE_DESCRIPTION, ""), header(headers, Constants.BUNDLE_VENDOR, ""),
                    header(headers, Constants.BUNDLE_LICENSE, ""), header(headers, Constants.BUNDLE_DOCURL, ""));
        }

        private static String header(Dictionary<String, String> headers, String name, String fallback) {
            String value = headers.get(name);
            return value == null || value.isBlank() ? fallback : value;
        }
    }
}
