package dev.plinth.fleet.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.osgi.framework.Version;

import dev.plinth.api.catalog.Change;
import dev.plinth.api.catalog.Change.Action;
import dev.plinth.api.catalog.PluginSet;

/**
 * The changes that take a node from the plugin set it last reported to another, in the order a set is applied (by
 * {@link Action}, then by plugin id): what a dry run of a publish shows for each node. The node's own apply works the
 * changes out again against its runtime.
 */
final class PlanDiff {

    private PlanDiff() {
    }

    static List<Change> changes(PluginSet from, PluginSet to) {
        Map<String, PluginSet.Member> before = byId(from);
        Map<String, PluginSet.Member> after = byId(to);
        List<Change> changes = new ArrayList<>();
        for (PluginSet.Member old : before.values()) {
            if (!after.containsKey(old.id())) {
                changes.add(new Change(Action.REMOVE, old.id(), old.version(), null));
            }
        }
        for (PluginSet.Member member : after.values()) {
            PluginSet.Member old = before.get(member.id());
            if (old == null) {
                changes.add(new Change(Action.INSTALL, member.id(), null, member.version()));
                if (member.enabled()) {
                    changes.add(new Change(Action.ENABLE, member.id(), null, member.version()));
                }
                if (member.pinned()) {
                    changes.add(new Change(Action.PIN, member.id(), null, member.version()));
                }
            } else {
                if (!sameVersion(old.version(), member.version())) {
                    changes.add(new Change(Action.UPGRADE, member.id(), old.version(), member.version()));
                }
                if (old.enabled() != member.enabled()) {
                    changes.add(new Change(member.enabled() ? Action.ENABLE : Action.DISABLE, member.id(),
                            old.version(), member.version()));
                }
                if (old.pinned() != member.pinned()) {
                    changes.add(new Change(member.pinned() ? Action.PIN : Action.UNPIN, member.id(), null,
                            member.version()));
                }
            }
            settings(old, member, changes);
        }
        changes.sort(Comparator.comparing(Change::action));
        return changes;
    }

    /** One {@link Action#SETTINGS} change per configuration whose values differ. */
    private static void settings(PluginSet.Member old, PluginSet.Member member, List<Change> changes) {
        Map<String, Map<String, List<String>>> before = old == null ? Map.of() : old.settings();
        TreeSet<String> pids = new TreeSet<>(before.keySet());
        pids.addAll(member.settings().keySet());
        for (String pid : pids) {
            Map<String, List<String>> was = before.getOrDefault(pid, Map.of());
            Map<String, List<String>> is = member.settings().getOrDefault(pid, Map.of());
            if (!Objects.equals(new TreeMap<>(was), new TreeMap<>(is))) {
                TreeSet<String> keys = new TreeSet<>(was.keySet());
                keys.addAll(is.keySet());
                keys.removeIf(k -> Objects.equals(was.get(k), is.get(k)));
                changes.add(new Change(Action.SETTINGS, member.id(), null, member.version(),
                        pid + ": " + String.join(", ", keys)));
            }
        }
    }

    static boolean sameVersion(String a, String b) {
        try {
            return Version.parseVersion(a).equals(Version.parseVersion(b));
        } catch (IllegalArgumentException e) {
            return Objects.equals(a, b);
        }
    }

    private static Map<String, PluginSet.Member> byId(PluginSet set) {
        return set.plugins().stream().collect(Collectors.toMap(PluginSet.Member::id, Function.identity(),
                (a, b) -> a, TreeMap::new));
    }
}
