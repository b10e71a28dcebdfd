package dev.plinth.shell.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;
import dev.plinth.common.table.Table;

/**
 * The text of the {@code fleet:*} commands: the status with its table of nodes, the history, one generation, and
 * what a publish or rollback wrote (or in a dry run would write) with each node's plan, its changes numbered as
 * {@code plugin:apply} prints them.
 */
final class FleetText {

    private static final String NONE = "-";

    private final Function<Instant, String> time;

    /** Text showing instants with {@code time}. */
    FleetText(Function<Instant, String> time) {
        this.time = time;
    }

    /** {@code fleet:status}. */
    String status(FleetViews.Status view) {
        FleetStatus status = view.status();
        Generation current = status.current();
        StringBuilder text = new StringBuilder("Group ").append(status.group()).append(": ");
        if (current == null) {
            text.append("nothing published yet (fleet:publish FILE publishes a plugin set)");
        } else {
            text.append("generation ").append(current.number()).append(", ").append(current.state().label())
                    .append(" (published by ").append(printable(current.publishedBy())).append(" at ")
                    .append(time.apply(current.publishedAt()))
                    .append(current.rollbackOf() > 0 ? ", rolling back generation " + current.rollbackOf() : "")
                    .append(')');
            if (current.reason() != null && !current.reason().isEmpty()) {
                text.append("\nReason: ").append(lines(current.reason()));
            }
            if (!current.canaries().isEmpty()) {
                text.append("\nCanaries: ").append(String.join(", ", current.canaries()));
            }
        }
        return text.append('\n').append(nodes(status.nodes(), view.now())).toString();
    }

    /** {@code fleet:nodes}: the table of nodes, then a line for each failure and drift. */
    String nodes(List<NodeStatus> nodes, Instant now) {
        if (nodes.isEmpty()) {
            return "No node has reported yet.";
        }
        Table table = Table.withHeader("NODE", "APPLIED", "TARGET", "STATE", "CANARY", "HEALTH", "LAST SEEN");
        StringBuilder notes = new StringBuilder();
        for (NodeStatus node : nodes) {
            table.row(printable(node.name()), generation(node.applied()), generation(node.target()),
                    node.state().label(),
                    node.canary() ? "yes" : "no", node.health() == null ? NONE : printable(firstLine(node.health())),
                    ago(node.lastSeen(), now) + (node.stale() ? ", stale" : ""));
            if (node.failure() != null && !node.failure().isEmpty()) {
                notes.append('\n').append(printable(node.name())).append(": failed: ")
                        .append(lines(node.failure()));
            }
            for (String drift : node.drift()) {
                notes.append('\n').append(printable(node.name())).append(": drift: ").append(lines(drift));
            }
        }
        return table.render() + notes;
    }

    /** {@code fleet:history}. */
    String history(FleetViews.Generations view) {
        if (view.generations().isEmpty()) {
            return "No generation published yet.";
        }
        Table table = Table.withHeader("GEN", "PUBLISHED", "BY", "STATE", "CANARIES", "PLUGINS", "NOTE");
        for (Generation generation : view.generations()) {
            String note = generation.rollbackOf() > 0 ? "rollback of " + generation.rollbackOf() : "";
            if (generation.reason() != null && !generation.reason().isEmpty()) {
                note = (note.isEmpty() ? "" : note + "; ") + printable(firstLine(generation.reason()));
            }
            table.row(generation.number(), time.apply(generation.publishedAt()),
                    printable(generation.publishedBy()),
                    generation.state().label(), generation.canaries().isEmpty() ? NONE
                            : String.join(",", generation.canaries()),
                    generation.plugins().plugins().size(), note);
        }
        return table.render();
    }

    /** {@code fleet:show N}. */
    String generation(Generation generation) {
        Table fields = Table.indented("  ")
                .row("Published:", time.apply(generation.publishedAt()) + " by "
                        + printable(generation.publishedBy()))
                .row("State:", generation.state().label() + (generation.reason() == null
                        || generation.reason().isEmpty() ? "" : ": " + lines(generation.reason())))
                .row("Rollout:", rollout(generation));
        if (generation.rollbackOf() > 0) {
            fields.row("Rollback of:", "generation " + generation.rollbackOf());
        }
        StringBuilder text = new StringBuilder("Generation ").append(generation.number()).append(" of group ")
                .append(generation.group()).append('\n').append(fields.render()).append('\n');
        if (generation.plugins().plugins().isEmpty()) {
            return text.append("Plugins: none (every managed plugin is removed)").toString();
        }
        Table plugins = Table.indented("  ").row("ID", "VERSION", "ENABLED", "PINNED", "SETTINGS", "SHA-256");
        for (PluginSet.Member member : generation.plugins().plugins()) {
            plugins.row(member.id(), member.version(), member.enabled() ? "yes" : "no",
                    member.pinned() ? "yes" : "no",
                    member.settings().isEmpty() ? NONE : String.join(", ", member.settings().keySet()),
                    generation.archives().getOrDefault(member.id(), NONE));
        }
        text.append("Plugins:\n").append(plugins.render());
        if (!generation.libraries().isEmpty()) {
            text.append("\nLibraries (as installed by ").append(printable(generation.librariesRecordedBy()))
                    .append(", the first node that applied it; every node must run these bytes):\n")
                    .append(libraries(generation).render());
        }
        return text.toString();
    }

    private static Table libraries(Generation generation) {
        Table libraries = Table.indented("  ").row("ID", "VERSION", "SHA-256");
        generation.libraries().forEach((key, sha) -> {
            int at = key.lastIndexOf('@');
            libraries.row(printable(at < 0 ? key : key.substring(0, at)), at < 0 ? NONE
                    : printable(key.substring(at + 1)), printable(sha));
        });
        return libraries;
    }

    /** {@code fleet:publish} and {@code fleet:rollback}: the generation, its rollout and each node's plan. */
    String published(FleetViews.Published view) {
        Publication publication = view.publication();
        Generation generation = publication.generation();
        String what = view.file() == null ? "rollback to generation " + generation.number()
                : "publish " + view.file();
        String based = publication.basedOn() == 0 ? "the first of group " + generation.group()
                : "based on generation " + publication.basedOn();
        StringBuilder text = new StringBuilder();
        if (publication.simulated()) {
            text.append("Plan for fleet:").append(what.startsWith("rollback") ? "rollback" : what)
                    .append(" (simulated, nothing changed): generation ").append(generation.number()).append(", ")
                    .append(based).append('.');
        } else {
            text.append(view.verb().equals("rollback") ? "Rolled back" : "Published").append(": generation ")
                    .append(generation.number()).append(" of group ").append(generation.group()).append(", ")
                    .append(based).append(", by ").append(printable(generation.publishedBy())).append('.');
        }
        if (generation.rollbackOf() > 0) {
            text.append("\nIt republishes the plugin set of the last good generation before ")
                    .append(generation.rollbackOf()).append('.');
        }
        text.append("\nRollout: ").append(rollout(generation));
        for (Publication.NodePlan plan : publication.plans()) {
            text.append('\n').append(plan.node()).append(" (").append(plan.wave()).append(" wave")
                    .append(plan.stale() ? "; stale: not seen lately, its plan is from its last report" : "")
                    .append("):");
            text.append(plan.changes().isEmpty() ? "\n  nothing to do" : "\n" + ChangeText.steps(plan.changes()));
        }
        if (publication.plans().isEmpty()) {
            text.append("\nNo node has reported yet: each takes the generation when it joins.");
        }
        if (publication.simulated() && view.file() != null && publication.basedOn() > 0) {
            text.append("\nPublish it with --base ").append(publication.basedOn())
                    .append(" to be refused if another generation is published meanwhile.");
        } else if (publication.simulated() && publication.basedOn() > 0) {
            text.append("\nRoll back with --base ").append(publication.basedOn())
                    .append(" to be refused if another generation is published (or rolled back) meanwhile.");
        } else if (!publication.simulated()) {
            text.append("\nfleet:status follows the rollout.");
        }
        return text.toString();
    }

    /** How a generation is rolled out, in words. */
    static String rollout(Generation generation) {
        Rollout rollout = generation.rollout();
        String halt = rollout != null && rollout.autoRollback()
                ? "a halt rolls back to the last good generation on its own"
                : "a halt waits for an operator (fleet:rollback)";
        if (generation.canaries().isEmpty()) {
            return "every node at once; " + halt;
        }
        return "canaries " + String.join(", ", generation.canaries()) + " first, the others once they report healthy"
                + (rollout == null ? "" : " within " + rollout.canarySeconds() + " s") + "; " + halt;
    }

    private static String generation(long number) {
        return number <= 0 ? NONE : Long.toString(number);
    }

    /** How long ago {@code then} was, from {@code now}: {@code 3 s ago}, {@code 5 min ago}, {@code 2 h ago}. */
    static String ago(Instant then, Instant now) {
        if (then == null) {
            return "never";
        }
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 120) {
            return seconds + " s ago";
        }
        if (seconds < 2 * 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 2 * 86_400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86_400 + " d ago";
    }

    /** Text of several lines as the operator reads it: the first line, then each other one indented. */
    private static String lines(String text) {
        return String.join("\n    ", text.strip().lines().map(String::strip).map(FleetText::printable).toList());
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static String printable(String text) {
        return StorageText.printable(text);
    }
}
