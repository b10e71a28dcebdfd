package dev.plinth.fleet.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.plinth.api.PluginInfo;
import dev.plinth.api.PluginState;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;

/**
 * How a node's plugins compare with a generation: its health (every member wanted enabled is enabled) and its drift
 * (members missing, in another version, enabled or pinned otherwise, plugins the generation does not list, installed
 * archives whose SHA-256 differs from the published one, libraries installed with other bytes than the first node
 * that applied the generation recorded).
 *
 * @param health {@code ok}, or what is not enabled that should be
 * @param drift the differences, one line each
 */
record Health(String health, List<String> drift) {

    /** The health word of a node whose plugins are as wanted. */
    static final String OK = "ok";

    Health {
        drift = List.copyOf(drift);
    }

    boolean clean() {
        return OK.equals(health) && drift.isEmpty();
    }

    /** A signature of what is wrong, to tell a new problem from one already tried. */
    String signature() {
        return health + "|" + String.join("|", drift);
    }

    static Health of(Generation wanted, PluginSet current, List<PluginInfo> plugins) {
        Map<String, PluginSet.Member> now = current.plugins().stream()
                .collect(Collectors.toMap(PluginSet.Member::id, Function.identity(), (a, b) -> a));
        Map<String, PluginInfo> infos = plugins.stream()
                .collect(Collectors.toMap(PluginInfo::id, Function.identity(), (a, b) -> a));
        List<String> unhealthy = new ArrayList<>();
        List<String> drift = new ArrayList<>();
        for (PluginSet.Member member : wanted.plugins().plugins()) {
            String name = member.id() + " " + member.version();
            PluginInfo info = infos.get(member.id());
            if (member.enabled() && (info == null || info.state() != PluginState.ENABLED)) {
                unhealthy.add(name + " is " + (info == null ? "not installed" : info.state().name()
                        .toLowerCase(java.util.Locale.ROOT) + (info.lastError() == null ? "" : ": " + info.lastError()))
                        + ", wanted enabled");
            }
            PluginSet.Member is = now.get(member.id());
            if (is == null) {
                drift.add(name + ": not installed");
                continue;
            }
            if (!PlanDiff.sameVersion(is.version(), member.version())) {
                drift.add(name + ": runs " + is.version());
                continue;
            }
            if (is.enabled() != member.enabled()) {
                drift.add(name + ": " + (is.enabled() ? "enabled, wanted disabled" : "disabled, wanted enabled"));
            }
            if (is.pinned() != member.pinned()) {
                drift.add(name + ": " + (is.pinned() ? "pinned, wanted unpinned" : "unpinned, wanted pinned"));
            }
            String published = wanted.archives().get(member.id());
            if (info != null && info.sha256() != null && published != null
                    && !Objects.equals(info.sha256().toLowerCase(java.util.Locale.ROOT),
                            published.toLowerCase(java.util.Locale.ROOT))) {
                drift.add(name + ": archive differs from the published SHA-256");
            }
        }
        drift.addAll(LibraryCheck.drift(wanted, plugins));
        for (PluginSet.Member is : current.plugins()) {
            if (wanted.plugins().plugins().stream().noneMatch(m -> m.id().equals(is.id()))) {
                drift.add(is.id() + " " + is.version() + ": not in generation " + wanted.number());
            }
        }
        return new Health(unhealthy.isEmpty() ? OK : String.join("; ", unhealthy), drift);
    }
}
