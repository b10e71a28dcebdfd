package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;

/**
 * Writes a group's desired state: a publish (its archives' SHA-256 from this runtime's catalogues, its canaries picked
 * from the live nodes) or a rollback (the last good generation's set, to every node at once). A publish is based on
 * the generation it names, or else on the one current when it starts, and is refused
 * {@link Code#STALE_GENERATION} when another was published since; of two writes made at once, the primary key refuses
 * the later. A publish's set must pass {@link SetRules} and this node's own dry run of it. A dry run gives each node's
 * plan from the plugin set it last reported.
 */
final class Publisher {

    /** PostgreSQL's SQL state of a unique violation. */
    static final String UNIQUE_VIOLATION = "23505";

    private static final String NOTHING = "nothing was published";

    private final FleetDatabase database;
    private final LocalRuntime runtime;
    private final FleetSettings settings;

    Publisher(FleetDatabase database, LocalRuntime runtime, FleetSettings settings) {
        this.database = database;
        this.runtime = runtime;
        this.settings = settings;
    }

    Publication publish(PluginSet plugins, Rollout rollout, long basedOn, String by, boolean simulate)
            throws PluginException {
        if (plugins == null) {
            throw new PluginException(Code.INVALID_INPUT, "a publish needs a plugin set");
        }
        Rollout how = rollout == null ? settings.rollout() : rollout.orElse(settings.rollout());
        Canaries.checkInput(how.canaries());
        if (how.canarySeconds() < 1) {
            throw new PluginException(Code.INVALID_INPUT, "canary seconds must be at least 1, not "
                    + how.canarySeconds());
        }
        if (basedOn < 0) {
            throw new PluginException(Code.INVALID_INPUT, "based-on generation " + basedOn + " is negative");
        }
        SetRules.check(plugins, runtime, NOTHING);
        long base = basedOn != 0 ? basedOn : database.transaction(this::latest);
        Map<String, String> archives = archives(plugins);
        refuseWhatThisNodeRefuses(plugins);
        return database.transaction(c -> {
            long current = latest(c);
            if (basedOn > current) {
                throw new PluginException(Code.INVALID_INPUT, "generation " + basedOn + " does not exist in group "
                        + settings.group() + " (the latest is " + current + ")");
            }
            if (base != current) {
                Optional<Generation> since = base < current ? Generations.get(c, settings.group(), base + 1)
                        : Optional.empty();
                Optional<Generation> shown = since.isPresent() ? since : Generations.latest(c, settings.group());
                if (shown.isEmpty()) {
                    throw new PluginException(Code.STALE_GENERATION, "generation " + base + " of group "
                            + settings.group() + " was deleted while this publish was based on it; review the group "
                            + "and publish again");
                }
                throw stale(shown.get(), base);
            }
            List<NodeRow> nodes = Nodes.all(c, settings.group(), settings.stale());
            List<String> canaries = Canaries.pick(how.canaries(),
                    nodes.stream().filter(n -> !n.stale()).map(NodeRow::name).toList());
            Generation next = new Generation(settings.group(), following(current), name(by), Instant.now(), 0, how,
                    canaries.isEmpty() ? RolloutState.ROLLING : RolloutState.CANARY, null, canaries, plugins,
                    archives, null, null);
            return write(c, next, current, nodes, simulate);
        });
    }

    /**
     * Refuses a set this node could not apply itself, with the refusal of its own dry run ({@code Catalog.apply}
     * simulated: versions offered and compatible, archives and libraries verified, settings against the metatype of
     * the version that will run, removals, disables and version changes as the plugin manager would make them).
     */
    private void refuseWhatThisNodeRefuses(PluginSet plugins) throws PluginException {
        try {
            runtime.simulate(plugins);
        } catch (PluginException e) {
            throw new PluginException(e.code(), "the dry run of the plugin set on this node (" + settings.node()
                    + ", the publishing node) refuses it: " + Printable.of(e.getMessage()) + "; " + NOTHING,
                    e.details().stream().map(Printable::of).toList(), e);
        }
    }

    private long latest(Connection c) throws SQLException {
        return Generations.latest(c, settings.group()).map(Generation::number).orElse(0L);
    }

    /** The number after {@code current}; refused when {@code current} is the largest a number can be. */
    private long following(long current) throws PluginException {
        try {
            return Math.addExact(current, 1);
        } catch (ArithmeticException e) {
            throw new PluginException(Code.INVALID_INPUT, "generation " + current + " of group " + settings.group()
                    + " has the largest number a generation can have, so none can follow it (no publish numbers "
                    + "a generation so: delete that row of " + Schema.NAME + ".generation); " + NOTHING);
        }
    }

    Publication rollback(long basedOn, String by, boolean simulate) throws PluginException {
        if (basedOn < 0) {
            throw new PluginException(Code.INVALID_INPUT, "based-on generation " + basedOn + " is negative");
        }
        return database.transaction(c -> {
            Generation latest = Generations.latest(c, settings.group()).orElseThrow(() -> new PluginException(
                    Code.NOT_FOUND, "nothing was published in group " + settings.group() + ": nothing to roll back"));
            if (basedOn != 0 && basedOn != latest.number()) {
                throw new PluginException(Code.STALE_GENERATION, "the current generation of group "
                        + settings.group() + " is " + latest.number() + " (by " + Printable.of(latest.publishedBy())
                        + " at " + latest.publishedAt() + "), not " + basedOn + ", which this rollback was based on; "
                        + "review it (fleet:status) and roll back again if you still want to");
            }
            Generation good = Generations.lastGood(c, settings.group(), latest.number()).orElseThrow(
                    () -> new PluginException(Code.NOT_FOUND, "no generation before " + latest.number()
                            + " of group " + settings.group() + " reached every node without halting: nothing to "
                            + "roll back to"));
            following(latest.number());
            Generation next = RolloutRules.rollbackOf(latest, good, name(by));
            next = new Generation(next.group(), next.number(), next.publishedBy(), Instant.now(), next.rollbackOf(),
                    next.rollout(), next.state(), null, next.canaries(),
                    next.plugins(), next.archives(), null, null);
            if (!simulate) {
                Generations.transition(c, settings.group(), latest.number(), RolloutState.ROLLED_BACK,
                        latest.reason() != null ? latest.reason() : "rolled back by " + name(by),
                        RolloutState.CANARY, RolloutState.ROLLING, RolloutState.DONE, RolloutState.HALTED);
            }
            return write(c, next, latest.number(), Nodes.all(c, settings.group(), settings.stale()), simulate);
        });
    }

    private Publication write(Connection c, Generation next, long current, List<NodeRow> nodes, boolean simulate)
            throws SQLException, PluginException {
        List<Publication.NodePlan> plans = new ArrayList<>();
        for (NodeRow node : nodes) {
            plans.add(new Publication.NodePlan(node.name(), next.canaries().contains(node.name()) ? "canary" : "rest",
                    PlanDiff.changes(node.current(), next.plugins()), node.stale()));
        }
        if (simulate) {
            return new Publication(next, current, true, plans);
        }
        try {
            Generations.insert(c, next);
        } catch (SQLException e) {
            if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback();
            throw stale(Generations.get(c, settings.group(), next.number()).orElseThrow(() -> e), current);
        }
        Generations.supersede(c, settings.group(), next.number());
        Nodes.markCanaries(c, settings.group(), next.canaries());
        Schema.notify(c, settings.group());
        return new Publication(Generations.get(c, settings.group(), next.number()).orElseThrow(), current, false,
                plans);
    }

    /** The SHA-256 of every member's archive, as this runtime's catalogues give it. */
    private Map<String, String> archives(PluginSet plugins) throws PluginException {
        Map<String, String> archives = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (PluginSet.Member member : plugins.plugins()) {
            Optional<String> sha = runtime.sha256(member.id(), member.version());
            if (sha.isPresent()) {
                archives.put(member.id(), sha.get());
            } else {
                missing.add(Printable.of(member.id()) + " " + Printable.of(member.version()));
            }
        }
        if (!missing.isEmpty()) {
            throw new PluginException(Code.INVALID_INPUT, "no catalogue of this runtime offers "
                    + String.join(", ", missing) + ": " + NOTHING, missing, null);
        }
        return archives;
    }

    private static PluginException stale(Generation published, long basedOn) {
        return new PluginException(Code.STALE_GENERATION, "generation " + published.number() + " was published by "
                + Printable.of(published.publishedBy()) + " at " + published.publishedAt()
                + " while this publish was based on " + basedOn + "; review it and publish again");
    }

    private String name(String by) {
        return by == null || by.isBlank() ? "api@" + settings.node() : by.strip();
    }
}
