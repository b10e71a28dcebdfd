package dev.plinth.rest.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * The event stream's slots ({@code events.max.clients}) shared out by token: the admin may take any free slot; a
 * viewer token at most a share (a quarter of the slots, at least one), and the viewers together never the last
 * share, which stays for the admin. Not thread-safe: the caller holds a lock.
 */
final class EventSlots {

    /** The holder name of the admin token. */
    static final String ADMIN = "admin";

    private final int max;
    private final int share;
    private final Map<String, Integer> held = new HashMap<>();
    private int total;

    EventSlots(int max) {
        this.max = max;
        this.share = Math.max(1, max / 4);
    }

    /** Why {@code holder} may not take a slot now, or {@code null} when it may. */
    String refusal(String holder) {
        if (total >= max) {
            return "already " + total + " clients follow the events (events.max.clients of dev.plinth.rest)";
        }
        if (holder.equals(ADMIN)) {
            return null;
        }
        if (held.getOrDefault(holder, 0) >= share) {
            return "this token already follows the events " + share + " times, its share of the "
                    + max + " slots (events.max.clients of dev.plinth.rest)";
        }
        if (total - held.getOrDefault(ADMIN, 0) >= max - share) {
            return "the viewer tokens already hold every slot they may; the last " + share
                    + " stay for the admin (events.max.clients of dev.plinth.rest)";
        }
        return null;
    }

    void take(String holder) {
        held.merge(holder, 1, Integer::sum);
        total++;
    }

    void release(String holder) {
        held.computeIfPresent(holder, (name, count) -> count > 1 ? count - 1 : null);
        total--;
    }
}
