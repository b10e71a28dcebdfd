package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.Generation.RolloutState;
import dev.plinth.api.fleet.Rollout;

/**
 * The rollout rules, evaluated by any node on the group's latest generation, each transition a conditional
 * {@code UPDATE} so that it happens once: canary to rolling when every canary runs it healthy; canary to halted when
 * a canary fails it or does not report healthy in time; rolling to halted when any node fails it; rolling to done when
 * every live node runs it healthy; halted, with automatic rollback, to rolled back, with a new rolling generation of
 * the last good generation's set, in the same transaction.
 */
final class RolloutRules {

    private final String group;
    private final Duration stale;
    private final String evaluator;

    /**
     * @param evaluator the node evaluating, named as the publisher of an automatic rollback
     */
    RolloutRules(String group, Duration stale, String evaluator) {
        this.group = group;
        this.stale = stale;
        this.evaluator = evaluator;
    }

    /** Applies the rules once, in the transaction of {@code c}; whether a generation changed (nodes to wake). */
    boolean evaluate(Connection c) throws SQLException {
        Optional<Generation> found = Generations.latest(c, group);
        if (found.isEmpty()) {
            return false;
        }
        Generation l = found.get();
        boolean changed = switch (l.state()) {
            case CANARY -> canary(c, l, Nodes.all(c, group, stale));
            case ROLLING -> rolling(c, l, Nodes.all(c, group, stale));
            case HALTED -> autoRollback(c, l);
            default -> false;
        };
        if (changed) {
            Schema.notify(c, group);
        }
        return changed;
    }

    private boolean canary(Connection c, Generation l, List<NodeRow> nodes) throws SQLException {
        List<NodeRow> canaries = nodes.stream().filter(n -> l.canaries().contains(n.name())).toList();
        Optional<NodeRow> failed = canaries.stream().filter(n -> n.failed() == l.number()).findFirst();
        if (failed.isPresent()) {
            return halt(c, l, "canary " + failed.get().name() + ": " + failed.get().failure(), RolloutState.CANARY);
        }
        if (canaries.size() == l.canaries().size() && canaries.stream().allMatch(n -> n.healthyOn(l.number()))) {
            return Generations.transition(c, group, l.number(), RolloutState.ROLLING, null, RolloutState.CANARY);
        }
        if (timedOut(c, l)) {
            String late = l.canaries().stream().filter(name -> canaries.stream()
                    .noneMatch(n -> n.name().equals(name) && n.healthyOn(l.number()))).findFirst().orElse("?");
            return halt(c, l, "canary " + late + " did not report healthy within " + l.rollout().canarySeconds()
                    + " s", RolloutState.CANARY);
        }
        return false;
    }

    private boolean rolling(Connection c, Generation l, List<NodeRow> nodes) throws SQLException {
        Optional<NodeRow> failed = nodes.stream().filter(n -> n.failed() == l.number()).findFirst();
        if (failed.isPresent()) {
            return halt(c, l, failed.get().name() + ": " + failed.get().failure(), RolloutState.ROLLING);
        }
        List<NodeRow> live = nodes.stream().filter(n -> !n.stale()).toList();
        if (!live.isEmpty() && live.stream().allMatch(n -> n.healthyOn(l.number()))) {
            return Generations.transition(c, group, l.number(), RolloutState.DONE, null, RolloutState.ROLLING);
        }
        return false;
    }

    private boolean halt(Connection c, Generation l, String reason, RolloutState from) throws SQLException {
        if (!Generations.transition(c, group, l.number(), RolloutState.HALTED, reason, from)) {
            return false;
        }
        if (l.rollout().autoRollback()) {
            autoRollback(c, Generations.get(c, group, l.number()).orElseThrow());
        }
        return true;
    }

    /** With automatic rollback, republishes the last good generation's set as the next generation, rolling. */
    private boolean autoRollback(Connection c, Generation halted) throws SQLException {
        if (!halted.rollout().autoRollback()) {
            return false;
        }
        Optional<Generation> good = Generations.lastGood(c, group, halted.number());
        if (good.isEmpty()) {
            return false;
        }
        Savepoint before = c.setSavepoint();
        try {
            if (!Generations.transition(c, group, halted.number(), RolloutState.ROLLED_BACK, halted.reason(),
                    RolloutState.HALTED)) {
                return false;
            }
            Generations.insert(c, rollbackOf(halted, good.get(), "auto-rollback@" + evaluator));
        } catch (SQLException e) {
            if (!Publisher.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(before);
            return false;
        }
        Nodes.markCanaries(c, group, List.of());
        return true;
    }

    /** The generation after {@code current} that republishes {@code good}'s set to every node at once. */
    static Generation rollbackOf(Generation current, Generation good, String by) {
        return new Generation(current.group(), Math.addExact(current.number(), 1), by, null, current.number(),
                new Rollout("0", current.rollout().canarySeconds(), false), RolloutState.ROLLING, null, List.of(),
                good.plugins(), good.archives(), null, null);
    }

    private boolean timedOut(Connection c, Generation l) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT now() > published_at + make_interval(secs => "
                + "canary_seconds) FROM " + Schema.NAME + ".generation WHERE grp = ? AND number = ?")) {
            s.setString(1, group);
            s.setLong(2, l.number());
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }
}
