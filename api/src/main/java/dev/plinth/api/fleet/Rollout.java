package dev.plinth.api.fleet;

/**
 * How a generation is rolled out: first to the canary nodes, then, once every canary has reported it applied and
 * healthy within {@code canarySeconds} of the publish, to the others. A canary that fails, or does not report in
 * time, halts the rollout; with {@code autoRollback} the last good generation is then republished.
 *
 * <p>A field left {@code null} in a publish takes the publishing node's configured default ({@code canaries},
 * {@code canary.seconds}, {@code auto.rollback} of {@code etc/dev.plinth.fleet.cfg.json}); a {@link Generation}'s
 * rollout has every field set.
 *
 * @param canaries how many nodes go first: a count ({@code "1"}), a share of the live nodes ({@code "20%"}, at least
 *        one node), or {@code "0"} for every node at once; {@code null} for the default
 * @param canarySeconds how long the canaries have to report healthy, at least 1; {@code null} for the default
 * @param autoRollback whether a halted rollout republishes the last good generation on its own; {@code null} for
 *        the default
 */
public record Rollout(String canaries, Integer canarySeconds, Boolean autoRollback) {

    /** A rollout that takes every default. */
    public static final Rollout DEFAULTS = new Rollout(null, null, null);

    public Rollout {
        canaries = canaries == null || canaries.isBlank() ? null : canaries.strip();
    }

    /** This rollout with each field left {@code null} taken from {@code defaults}. */
    public Rollout orElse(Rollout defaults) {
        return new Rollout(canaries != null ? canaries : defaults.canaries(),
                canarySeconds != null ? canarySeconds : defaults.canarySeconds(),
                autoRollback != null ? autoRollback : defaults.autoRollback());
    }
}
