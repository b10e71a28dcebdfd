package dev.plinth.manager.internal;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.plinth.api.Batch;
import dev.plinth.api.BatchResult;
import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.Verb;

/**
 * The verbs on several plugins at once ({@link dev.plinth.api.PluginManager#installBatch},
 * {@link dev.plinth.api.PluginManager#removeBatch}): planned together by the {@link Planner}, run on the queue by the
 * {@link Executor}, with a result, a history entry and an event per item.
 */
final class BatchVerbs {

    private final OperationQueue queue;
    private final ReadinessGate gate;
    private final ArchiveFetch fetch;
    private final Supplier<Planner> planners;
    private final Participants participants;
    private final Executor executor;
    private final CurrentState current;
    private final Outcomes outcomes;

    /** @param planners a planner of the current state, each time */
    BatchVerbs(OperationQueue queue, ReadinessGate gate, ArchiveFetch fetch, Supplier<Planner> planners,
            Participants participants, Executor executor, CurrentState current, Outcomes outcomes) {
        this.queue = queue;
        this.gate = gate;
        this.fetch = fetch;
        this.planners = planners;
        this.participants = participants;
        this.executor = executor;
        this.current = current;
        this.outcomes = outcomes;
    }

    /**
     * Reads the archives in parallel ({@link ParallelReads}) outside the queue, then installs those that can be as one
     * operation.
     */
    Batch install(List<URI> sources, Options options) {
        List<Object> read = ParallelReads.all(sources, source -> {
            try {
                return (Object) fetch.fetch(Verb.INSTALL, ArchiveReader.display(source), source, options);
            } catch (PluginException e) {
                return e;
            }
        });
        try {
            return queue.call(() -> install(sources, read, options));
        } catch (PluginException e) {
            read.stream().filter(Archive.class::isInstance).map(Archive.class::cast).forEach(Archive::discard);
            return failAll(Verb.INSTALL, sources.stream().map(ArchiveReader::display).toList(), e, options);
        }
    }

    private Batch install(List<URI> sources, List<Object> read, Options options) {
        Planner planner = planners.get();
        BatchIntake intake = new BatchIntake(sources, read, planner);
        List<Archive> accepted = intake.accepted();
        Map<Integer, Archive> promotions = intake.promotions();
        List<Plan.Step> shown = new ArrayList<>();
        promotions.forEach((i, archive) -> promote(archive, options, shown).ifPresent(e -> intake.failed(i, e)));
        Planner.Batch batch = (promotions.isEmpty() ? planner : planners.get()).installAll(accepted, options.enable());
        Map<String, PluginException> installFailures = new HashMap<>(batch.refused());
        PlannedOperation operation = batch.operation();
        accepted.stream().filter(archive -> batch.refused().containsKey(archive.id())).forEach(Archive::discard);
        if (options.simulate()) {
            operation.discardArchives();
        } else if (!operation.steps().isEmpty()) {
            try {
                operation = new BatchAdmission(planners, participants).admit(operation, accepted.stream()
                        .filter(archive -> !installFailures.containsKey(archive.id())).toList(), options.enable(),
                        installFailures, options);
                if (!operation.steps().isEmpty()) {
                    PlannedOperation admitted = operation;
                    BatchExecution.Outcome outcome = executor.executeBatch(operation, current.state(),
                            planners.get(), options.origin(), participants.batch(admitted, options)::apply);
                    current.set(outcome.after());
                    installFailures.putAll(outcome.failures());
                    current.settle();
                    participants.committed(operation, options);
                }
            } catch (PluginException e) {
                operation.discardArchives();
                current.reload();
                operation.steps().forEach(step -> installFailures.putIfAbsent(step.id(), e));
            }
            current.refreshSnapshot();
        }
        List<BatchResult> results = intake.results(installFailures);
        if (!options.simulate()) {
            outcomes.batch(Verb.INSTALL, results.stream().filter(result -> result.id() != null).toList(),
                    options.origin());
        }
        shown.addAll(operation.plan(options.simulate()).steps());
        return new Batch(new Plan(Verb.INSTALL, operation.target(), shown, operation.refresh(), options.simulate()),
                results);
    }

    /**
     * Within a batch: installs an archive whose id is installed as a library, making it a plugin, as one operation of
     * its own ({@link Promotion}), or only plans it in a dry run; adds its steps to {@code shown} and returns its
     * failure, if any.
     */
    private Optional<PluginException> promote(Archive archive, Options options, List<Plan.Step> shown) {
        PlannedOperation operation = null;
        try {
            operation = planners.get().install(archive, options);
            participants.check(operation, options.simulate(), options);
            shown.addAll(operation.plan(options.simulate()).steps());
            if (options.simulate()) {
                operation.discardArchives();
                return Optional.empty();
            }
            PlannedOperation promoted = operation;
            current.set(executor.execute(operation, current.state(), planners.get(), options.origin(),
                    () -> participants.apply(promoted, options)));
            current.settle();
            current.forgetStartFailures(operation.touched());
            participants.committed(operation, options);
            return Optional.empty();
        } catch (PluginException e) {
            if (operation != null) {
                operation.discardArchives();
            } else {
                archive.discard();
            }
            if (!options.simulate()) {
                current.reload();
            }
            return Optional.of(e);
        } finally {
            if (!options.simulate()) {
                current.refreshSnapshot();
            }
        }
    }

    /** Removes the plugins that can be as one operation; the others are refused, each with its reason. */
    Batch remove(List<String> ids, Options options) {
        try {
            gate.await();
            return queue.call(() -> {
                Planner.Batch removal = planners.get().removeAll(ids, options.cascade());
                PlannedOperation operation = removal.operation();
                PluginException failure = null;
                if (!options.simulate() && !operation.steps().isEmpty()) {
                    try {
                        participants.check(operation, false, options);
                        current.set(executor.execute(operation, current.state(), planners.get(), options.origin(),
                                () -> participants.apply(operation, options)));
                        current.settle();
                        participants.committed(operation, options);
                    } catch (PluginException e) {
                        current.reload();
                        failure = e;
                    }
                    current.refreshSnapshot();
                }
                Map<String, String> versions = new HashMap<>();
                operation.steps().forEach(step -> versions.putIfAbsent(step.id(), step.version()));
                List<BatchResult> results = new ArrayList<>();
                for (String id : ids) {
                    PluginException refusal = removal.refused().get(id);
                    results.add(new BatchResult(id, id, versions.get(id), refusal != null ? refusal : failure));
                }
                if (!options.simulate()) {
                    outcomes.batch(Verb.REMOVE, results, options.origin());
                }
                return new Batch(operation.plan(options.simulate()), results);
            });
        } catch (PluginException e) {
            return failAll(Verb.REMOVE, ids, e, options);
        }
    }

    private static Batch failAll(Verb verb, List<String> requests, PluginException failure, Options options) {
        return new Batch(new Plan(verb, requests.size() + " plugins", List.of(), List.of(), options.simulate()),
                requests.stream().map(request -> new BatchResult(request, null, null, failure)).toList());
    }
}
