package dev.plinth.manager.internal;

import java.util.List;
import java.util.function.Supplier;

import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.Verb;

/**
 * Runs a verb's operation, once the manager is ready, on the queue: plans it, lets the participants check the plan,
 * executes it against the framework with undo, commits, brings the current state and the snapshot in step, and
 * records the outcome. A dry run stops after the check.
 */
final class VerbPipeline {

    /** Plans the operation, on the queue. */
    @FunctionalInterface
    interface Planning {
        PlannedOperation plan() throws PluginException;
    }

    private final OperationQueue queue;
    private final ReadinessGate gate;
    private final Supplier<Planner> planners;
    private final Participants participants;
    private final Executor executor;
    private final CurrentState current;
    private final Outcomes outcomes;

    /** @param planners a planner of the current state, each time */
    VerbPipeline(OperationQueue queue, ReadinessGate gate, Supplier<Planner> planners, Participants participants,
            Executor executor, CurrentState current, Outcomes outcomes) {
        this.queue = queue;
        this.gate = gate;
        this.planners = planners;
        this.participants = participants;
        this.executor = executor;
        this.current = current;
        this.outcomes = outcomes;
    }

    Plan run(Verb verb, String target, Options options, Planning planning) throws PluginException {
        return run(verb, target, null, null, options, planning);
    }

    /**
     * @param attempted the version the operation is to bring, when known before it is planned (an upgrade's)
     * @param members the plugins an operation on several changes together, each with its own history entry and
     *     event; null for an operation on its target
     */
    Plan run(Verb verb, String target, String attempted, List<String> members, Options options, Planning planning)
            throws PluginException {
        gate.await();
        return queue.call(() -> {
            PlannedOperation operation = null;
            StoreState before = current.state();
            boolean executing = false;
            try {
                operation = planning.plan();
                operation = participants.check(operation, options.simulate(), options);
                if (options.simulate()) {
                    operation.discardArchives();
                    return operation.plan(true);
                }
                if (operation.steps().isEmpty()) {
                    return operation.plan(false);
                }
                executing = true;
                before = current.state();
                PlannedOperation executed = operation;
                current.set(executor.execute(operation, current.state(), planners.get(), options.origin(),
                        () -> participants.apply(executed, options)));
                FaultPoints.reach(verb, "executed");
                current.settle();
                current.forgetStartFailures(operation.touched());
                current.refreshSnapshot();
                participants.committed(operation, options);
                outcomes.succeeded(verb, operation, members, before, options.origin());
                return operation.plan(false);
            } catch (PluginException e) {
                if (operation != null && !executing) {
                    operation.discardArchives();
                }
                if (!options.simulate()) {
                    if (executing) {
                        current.reload();
                    }
                    current.refreshSnapshot();
                    outcomes.failed(verb, target, attempted, members, before, operation, e, options.origin());
                }
                throw e;
            }
        });
    }
}
