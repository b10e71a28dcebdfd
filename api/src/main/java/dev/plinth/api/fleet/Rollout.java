package dev.plinth.api.fleet;

/**
 * How a generation is rolled out: first to the canary nodes, then, once every canary has reported it applied and
 * healthy within {@code canarySeconds} of the publish, to the others. A canary that fails, or does not report in
 * time, halts the rollout; with {@code autoRollback} the last good generation is then republished.
 *
 * @param canaries how many nodes go first: a count ({@code "1"}), a share of the live nodes ({@code "20%"}, at least
 *        one node), or {@code "0"} for every node at once
 * @param canarySeconds how long the canaries have to report healthy, at least 1
 * @param autoRollback whether a halted rollout republishes the last good generation on its own
 */
public record Rollout(String canaries, int canarySeconds, boolean autoRollback) {

    public Rollout {
        canaries = canaries == null || canaries.isBlank() ? "1" : canaries.strip();
    }
}
