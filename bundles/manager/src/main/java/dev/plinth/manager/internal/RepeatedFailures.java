package dev.plinth.manager.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.plinth.api.Operation;
import dev.plinth.api.Verb;

/**
 * Which failures the history already holds: the same verb on the same plugin, asked from the same origin, failing
 * again for the same reason (the deploy directory retrying an unresolvable jar, say) is not a new operation for the
 * audit trail. It is recorded again once the reason changes or an operation on that plugin succeeds.
 */
final class RepeatedFailures {

    private final Map<String, String> last = new ConcurrentHashMap<>();

    /** Learns what the history ends with, so that a restart does not record the same failure again. */
    void learn(List<Operation> history) {
        history.forEach(this::seen);
    }

    /** True when {@code operation} fails as the last one of its kind did; otherwise remembers it. */
    boolean repeats(Operation operation) {
        if (operation.outcome() != Operation.Outcome.FAILED) {
            seen(operation);
            return false;
        }
        String message = operation.message() == null ? "" : operation.message();
        return message.equals(last.put(key(operation.verb(), operation.target(), operation.origin()), message));
    }

    private void seen(Operation operation) {
        if (operation.target() == null) {
            return;
        }
        if (operation.outcome() == Operation.Outcome.FAILED) {
            last.put(key(operation.verb(), operation.target(), operation.origin()),
                    operation.message() == null ? "" : operation.message());
        } else {
            last.keySet().removeIf(key -> key.startsWith(operation.target() + "\n"));
        }
    }

    private static String key(Verb verb, String target, String origin) {
        return target + "\n" + verb + "\n" + origin;
    }
}
