package dev.plinth.manager.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Operation;
import dev.plinth.api.PluginException;
import dev.plinth.api.PluginInfo;
import dev.plinth.api.Verb;

/**
 * What operations leave for operators and tools, in one place: a history entry and an event for each plugin an
 * operation concerned. A failure the history already ends with is not written again ({@link RepeatedFailures}); the
 * history is read for that at the first failure, so a start whose operations all succeed never reads it.
 */
final class Outcomes {

    private final Store store;
    private final Supplier<EventAdmin> events;
    private final Function<String, Optional<PluginInfo>> views;
    private final Logger log;
    private final RepeatedFailures failures = new RepeatedFailures();
    private volatile boolean failuresLearned;

    /** @param views the plugin as reads show it now, for the events */
    Outcomes(Store store, Supplier<EventAdmin> events, Function<String, Optional<PluginInfo>> views, Logger log) {
        this.store = store;
        this.events = events;
        this.views = views;
        this.log = log;
    }

    /** The history entry and event of one operation on {@code target}. */
    void operation(Verb verb, String target, String from, String to, Operation.Outcome outcome, String message,
            String eventFrom, List<String> touched, PluginException failure, String origin) {
        record(verb, target, from, to, outcome, message, origin);
        post(verb, target, eventFrom, touched, failure, origin);
    }

    /**
     * The outcome of a verb's operation that committed.
     *
     * @param members the plugins an operation on several changed together, each with its own entry and event; null
     *     for an operation on its target
     * @param before the state before the operation
     */
    void succeeded(Verb verb, PlannedOperation operation, List<String> members, StoreState before, String origin) {
        if (members == null) {
            operation(verb, operation.target(), operation.fromVersion(), operation.toVersion(),
                    Operation.Outcome.SUCCEEDED, summary(operation), operation.fromVersion(), operation.touched(),
                    null, origin);
        } else {
            together(verb, members, before, operation, null, origin);
        }
    }

    /**
     * The outcome of a verb's operation that failed, planned ({@code operation}) or not (null). An upgrade's or a
     * rollback's entry names the versions from and to, as far as they are known.
     *
     * @param attempted the version the operation was to bring, when known before it was planned (an upgrade's)
     */
    void failed(Verb verb, String target, String attempted, List<String> members, StoreState before,
            PlannedOperation operation, PluginException failure, String origin) {
        if (members != null) {
            together(verb, members, before, operation, failure, origin);
            return;
        }
        String id = operation != null ? operation.target() : target;
        boolean versionChange = verb == Verb.UPGRADE || verb == Verb.ROLLBACK;
        String from = operation != null ? operation.fromVersion() : null;
        String to = null;
        if (versionChange) {
            from = from != null ? from : views.apply(id).map(PluginInfo::version).orElse(null);
            to = operation != null && operation.toVersion() != null ? operation.toVersion() : attempted;
        }
        operation(verb, id, from, to, Operation.Outcome.FAILED, failure.getMessage(),
                operation != null ? operation.fromVersion() : null,
                operation != null ? operation.touched() : List.of(), failure, origin);
    }

    /** An operation refused before it was planned (its archive could not be read): nothing changed. */
    void refused(Verb verb, String target, PluginException failure, String origin) {
        record(verb, target, null, null, Operation.Outcome.FAILED, failure.getMessage(), origin);
        Events.post(events.get(), verb, target, null, null, List.of(), failure, origin);
    }

    /** One history entry and one event per plugin of an operation that changed several together. */
    void together(Verb verb, List<String> members, StoreState before, PlannedOperation operation,
            PluginException failure, String origin) {
        for (String id : members) {
            String from = before.get(id).map(StoredPlugin::version).orElse(null);
            String to = operation == null ? null : operation.after().get(id).map(StoredPlugin::version).orElse(null);
            String message = failure != null ? failure.getMessage()
                    : verb.label() + " " + id + " together with " + String.join(", ",
                            members.stream().filter(member -> !member.equals(id)).toList()) + ": "
                            + summary(operation);
            operation(verb, id, from, to, failure == null ? Operation.Outcome.SUCCEEDED : Operation.Outcome.FAILED,
                    message, from, operation != null ? operation.touched() : List.of(), failure, origin);
        }
    }

    /** The steps of an operation in a line, for its history entry. */
    static String summary(PlannedOperation operation) {
        return operation.steps().stream().map(step -> step.action().label() + " " + step.id())
                .reduce((a, b) -> a + ", " + b).orElse("");
    }

    /** The history entry alone (an operation interrupted by a crash, found at start). */
    void record(Verb verb, String target, String from, String to, Operation.Outcome outcome, String message,
            String origin) {
        if (repeated(new Operation(0, null, verb, target, from, to, outcome, message, origin))) {
            return;
        }
        try {
            store.recordNext(sequence -> new Operation(sequence, Instant.now(), verb, target, from, to, outcome,
                    message, origin));
        } catch (IOException e) {
            log.error("cannot write the history: {}", e.getMessage());
        }
    }

    /** One history entry (written together) and one event per item of a batch. */
    void batch(Verb verb, List<BatchResult> results, String origin) {
        List<LongFunction<Operation>> entries = new ArrayList<>();
        for (BatchResult result : results) {
            boolean install = verb == Verb.INSTALL;
            String from = install ? null : result.version();
            String to = install && result.succeeded() ? result.version() : null;
            Operation.Outcome outcome = result.succeeded() ? Operation.Outcome.SUCCEEDED : Operation.Outcome.FAILED;
            String message = result.succeeded() ? verb.label() + " " + result.id()
                    + (results.size() > 1 ? " (one of a batch of " + results.size() + ")" : "")
                    : result.failure().getMessage();
            if (!repeated(new Operation(0, null, verb, result.id(), from, to, outcome, message, origin))) {
                entries.add(sequence -> new Operation(sequence, Instant.now(), verb, result.id(), from, to, outcome,
                        message, origin));
            }
        }
        try {
            store.recordAll(entries);
        } catch (IOException e) {
            log.error("cannot write the history: {}", e.getMessage());
        }
        for (BatchResult result : results) {
            post(verb, result.id(), verb == Verb.REMOVE ? result.version() : null,
                    result.succeeded() ? List.of(result.id()) : List.of(), result.failure(), origin);
        }
    }

    /** The last {@code limit} entries of the history, oldest first; none when it cannot be read (logged). */
    List<Operation> history(int limit) {
        try {
            return store.history(Math.max(0, limit));
        } catch (IOException e) {
            log.error("cannot read the history: {}", e.getMessage());
            return List.of();
        }
    }

    /** The event alone. */
    void post(Verb verb, String target, String from, List<String> touched, PluginException failure, String origin) {
        Events.post(events.get(), verb, target, views.apply(target).orElse(null), from, touched, failure, origin);
    }

    private synchronized boolean repeated(Operation operation) {
        if (!failuresLearned && operation.outcome() != Operation.Outcome.FAILED) {
            return false;
        }
        if (!failuresLearned) {
            failuresLearned = true;
            try {
                failures.learn(store.history(Integer.MAX_VALUE));
            } catch (IOException e) {
                log.warn("cannot read the history: {}", e.getMessage());
            }
        }
        return failures.repeats(operation);
    }
}
