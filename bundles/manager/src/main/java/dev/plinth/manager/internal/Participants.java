package dev.plinth.manager.internal;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.api.extension.OperationParticipant;

/** Calls the {@link OperationParticipant}s: each may refuse a plan before it runs, and each follows what committed. */
final class Participants {

    private final Supplier<List<OperationParticipant>> current;
    private final ExtenderCheck extenders;
    private final Logger log;

    /** @param current the participants registered now (null when none) */
    Participants(Supplier<List<OperationParticipant>> current, Logger log) {
        this(current, null, log);
    }

    /**
     * @param current the participants registered now (null when none)
     * @param extenders refuses a plan whose plugins need an extender that is not running (null: none refused)
     */
    Participants(Supplier<List<OperationParticipant>> current, ExtenderCheck extenders, Logger log) {
        this.current = current;
        this.extenders = extenders;
        this.log = log;
    }

    /**
     * Asks each participant about an operation that changes something, with its options and archives; the first
     * refusal stops the operation.
     *
     * @return the operation with the words the participants added to its steps ({@link OperationContext#note})
     */
    PlannedOperation check(PlannedOperation operation, boolean simulated, Options options) throws PluginException {
        if (extenders != null) {
            extenders.check(operation, options);
        }
        List<OperationParticipant> participants = current.get();
        Plan plan = operation.plan(simulated);
        Map<String, List<String>> notes = new LinkedHashMap<>();
        if (participants != null && !plan.empty()) {
            OperationContext context = new Context(options, archives(operation), notes);
            for (OperationParticipant participant : List.copyOf(participants)) {
                participant.check(plan, context);
            }
        }
        return notes.isEmpty() ? operation : operation.withNotes(notes);
    }

    /**
     * Lets each participant do its own part of a real operation, in their order; when one fails, what the others did
     * is taken back and its failure thrown.
     *
     * @return the work of all of them, taken back in reverse order
     */
    OperationParticipant.Work apply(PlannedOperation operation, Options options) throws PluginException {
        return apply(operation.plan(false), new Context(options, archives(operation)));
    }

    /**
     * As {@link #apply(PlannedOperation, Options)}, for the plans of the members of a batch, one at a time: the
     * archives of {@code operation} are gathered once for all of them.
     */
    BatchWork batch(PlannedOperation operation, Options options) {
        OperationContext context = new Context(options, archives(operation));
        return plan -> apply(plan, context);
    }

    /** The participants' work on the plan of one member of a batch. */
    @FunctionalInterface
    interface BatchWork {
        OperationParticipant.Work apply(Plan plan) throws PluginException;
    }

    private OperationParticipant.Work apply(Plan plan, OperationContext context) throws PluginException {
        List<OperationParticipant> participants = current.get();
        if (participants == null || plan.empty()) {
            return OperationParticipant.Work.NONE;
        }
        Deque<OperationParticipant.Work> done = new ArrayDeque<>();
        for (OperationParticipant participant : List.copyOf(participants)) {
            try {
                OperationParticipant.Work work = participant.apply(plan, context);
                done.push(work == null ? OperationParticipant.Work.NONE : work);
            } catch (PluginException | RuntimeException e) {
                undo(done, plan);
                if (e instanceof PluginException refusal) {
                    throw refusal;
                }
                throw new PluginException(PluginException.Code.HOOK_FAILED, participant.getClass().getName()
                        + " failed on the " + plan.verb().label() + " of " + plan.target() + ": " + e, List.of(), e);
            }
        }
        return () -> undo(done, plan);
    }

    private void undo(Deque<OperationParticipant.Work> done, Plan plan) {
        while (!done.isEmpty()) {
            OperationParticipant.Work work = done.pop();
            try {
                work.undo();
            } catch (Exception e) {
                log.error("taking back the work of an extension on {} failed: {}", plan.target(), e.toString());
            }
        }
    }

    /**
     * Tells each participant about a committed operation; a participant that fails is logged and the others still
     * told.
     */
    void committed(PlannedOperation operation, Options options) {
        List<OperationParticipant> participants = current.get();
        if (participants == null) {
            return;
        }
        Plan plan = operation.plan(false);
        OperationContext context = new Context(options, archives(operation));
        for (OperationParticipant participant : List.copyOf(participants)) {
            try {
                participant.committed(plan, context);
            } catch (RuntimeException e) {
                log.error("{} failed to follow the {} of {}: {}", participant.getClass().getName(),
                        plan.verb().label(), plan.target(), e.toString());
            }
        }
    }

    private static Map<String, Path> archives(PlannedOperation operation) {
        Map<String, Path> archives = new HashMap<>();
        for (PlannedOperation.Step step : operation.steps()) {
            if (step.archive() != null) {
                archives.put(step.id(), step.archive().file());
            }
        }
        return archives;
    }

    private record Context(Options options, Map<String, Path> archives, Map<String, List<String>> notes)
            implements OperationContext {

        Context(Options options, Map<String, Path> archives) {
            this(options, archives, new LinkedHashMap<>());
        }

        @Override
        public Optional<Path> archive(String id) {
            return Optional.ofNullable(archives.get(id));
        }

        @Override
        public void note(String id, String words) {
            if (id != null && words != null && !words.isBlank()) {
                notes.computeIfAbsent(id, key -> new ArrayList<>()).add(words.strip());
            }
        }
    }
}
