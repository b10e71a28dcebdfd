package dev.plinth.fleet.internal;

import dev.plinth.api.fleet.Generation;

/**
 * Which generation a node is to run. The latest generation L when it is rolling or done, or in its canary wave and the
 * node is one of its canaries; a node that already applied L keeps it (halted too); any other node runs the newest
 * generation before L good to return to ({@link Generations#lastGood}), or changes nothing (0).
 */
final class Targets {

    private Targets() {
    }

    /**
     * @param latest the group's latest generation, or null before the first publish
     * @param fallback the newest good generation before it, 0 for none
     * @param node the node's name
     * @param applied the generation the node applied last
     */
    static long target(Generation latest, long fallback, String node, long applied) {
        if (latest == null) {
            return 0;
        }
        return target(latest.number(), latest.state(), latest.canaries(), fallback, node, applied);
    }

    /** {@link #target(Generation, long, String, long)} from the latest generation's number, state and canaries. */
    static long target(long l, Generation.RolloutState state, java.util.List<String> canaries, long fallback,
            String node, long applied) {
        return switch (state) {
            case ROLLING, DONE -> l;
            case CANARY -> canaries.contains(node) || applied == l ? l : fallback;
            case HALTED, ROLLED_BACK, SUPERSEDED -> applied == l ? l : fallback;
        };
    }

    /** Whether the node waits for the latest generation's wave to reach it. */
    static boolean waiting(Generation latest, long target) {
        return latest != null && latest.state() == Generation.RolloutState.CANARY && target != latest.number();
    }
}
