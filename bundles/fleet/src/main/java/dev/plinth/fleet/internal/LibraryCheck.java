package dev.plinth.fleet.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginKind;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;

/**
 * The libraries of a generation, checked by SHA-256 against those the first node that applied it recorded
 * ({@link Generation#libraries()}, keyed {@code id@version}): before an apply in this node's catalogues, after it in
 * what is installed, and in each round as drift.
 */
final class LibraryCheck {

    private LibraryCheck() {
    }

    /** The key of a library in {@link Generation#libraries()}. */
    static String key(String id, String version) {
        return id + "@" + version;
    }

    /**
     * The libraries the members of {@code set} are wired to, directly or through other libraries, and the library
     * fragments attached to them, with SHA-256.
     */
    static Map<String, String> wired(PluginSet set, List<PluginInfo> plugins) {
        Map<String, List<PluginInfo>> byId = new TreeMap<>();
        Map<String, List<String>> fragments = new TreeMap<>();
        for (PluginInfo p : plugins) {
            byId.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(p);
            if (p.fragment()) {
                fragments.computeIfAbsent(p.fragmentHost(), k -> new ArrayList<>()).add(p.id());
            }
        }
        Deque<String> next = new ArrayDeque<>();
        for (PluginSet.Member m : set.plugins()) {
            byId.getOrDefault(m.id(), List.of()).forEach(p -> next.addAll(p.requires()));
            next.addAll(fragments.getOrDefault(m.id(), List.of()));
        }
        Set<String> seen = new HashSet<>();
        Map<String, String> libraries = new TreeMap<>();
        while (!next.isEmpty()) {
            String id = next.pop();
            if (!seen.add(id)) {
                continue;
            }
            for (PluginInfo p : byId.getOrDefault(id, List.of())) {
                if (p.kind() == PluginKind.LIBRARY && p.sha256() != null) {
                    libraries.put(key(p.id(), p.version()), p.sha256().toLowerCase(java.util.Locale.ROOT));
                    next.addAll(p.requires());
                    next.addAll(fragments.getOrDefault(p.id(), List.of()));
                }
            }
        }
        return libraries;
    }

    /** Refuses a generation whose recorded libraries the catalogues here give with another SHA-256. */
    static void beforeApply(LocalRuntime runtime, Generation wanted) throws PluginException {
        for (Map.Entry<String, String> library : wanted.libraries().entrySet()) {
            String[] idVersion = split(library.getKey());
            String here = runtime.sha256(idVersion[0], idVersion[1]).orElse(null);
            if (here != null && !here.equalsIgnoreCase(library.getValue())) {
                throw mismatch(wanted, library, "the catalogues of this node give SHA-256 " + here);
            }
        }
    }

    /** Fails a generation when a recorded library is installed here with other bytes. */
    static void afterApply(Generation wanted, List<PluginInfo> plugins) throws PluginException {
        List<String> differing = differing(wanted, plugins);
        if (!differing.isEmpty()) {
            String key = differing.get(0);
            throw mismatch(wanted, Map.entry(key, wanted.libraries().get(key)), "the installed archive has SHA-256 "
                    + installed(plugins, key));
        }
    }

    /**
     * Drift lines: recorded libraries installed here with other bytes, and libraries the plugins are wired to here
     * that are not in the record (this node's resolver picked another library or version).
     */
    static List<String> drift(Generation wanted, List<PluginInfo> plugins) {
        if (wanted.librariesRecordedBy() == null) {
            return List.of();
        }
        List<String> drift = new ArrayList<>(differing(wanted, plugins).stream().map(key -> "library " + name(key)
                + ": archive differs from the SHA-256 recorded by " + wanted.librariesRecordedBy()).toList());
        for (String key : wired(wanted.plugins(), plugins).keySet()) {
            if (!wanted.libraries().containsKey(key)) {
                String id = split(key)[0];
                List<String> recorded = wanted.libraries().keySet().stream().filter(k -> split(k)[0].equals(id))
                        .map(k -> split(k)[1]).toList();
                drift.add("library " + name(key) + ": not among the libraries recorded by "
                        + wanted.librariesRecordedBy() + (recorded.isEmpty() ? ""
                                : " (" + id + " " + String.join(", ", recorded) + ")"));
            }
        }
        return drift;
    }

    private static List<String> differing(Generation wanted, List<PluginInfo> plugins) {
        List<String> keys = new ArrayList<>();
        for (Map.Entry<String, String> library : wanted.libraries().entrySet()) {
            String here = installed(plugins, library.getKey());
            if (here != null && !here.equalsIgnoreCase(library.getValue())) {
                keys.add(library.getKey());
            }
        }
        return keys;
    }

    private static String installed(List<PluginInfo> plugins, String key) {
        return plugins.stream().filter(p -> p.kind() == PluginKind.LIBRARY && p.sha256() != null
                && key(p.id(), p.version()).equals(key)).map(PluginInfo::sha256).findFirst().orElse(null);
    }

    private static PluginException mismatch(Generation wanted, Map.Entry<String, String> library, String here) {
        return new PluginException(PluginException.Code.CHECKSUM_MISMATCH, "library " + name(library.getKey()) + ": "
                + here + ", " + wanted.librariesRecordedBy() + " recorded " + library.getValue() + " when it applied "
                + "generation " + wanted.number());
    }

    private static String name(String key) {
        String[] idVersion = split(key);
        return idVersion[0] + " " + idVersion[1];
    }

    private static String[] split(String key) {
        int at = key.lastIndexOf('@');
        return at < 0 ? new String[] {key, ""} : new String[] {key.substring(0, at), key.substring(at + 1)};
    }
}
