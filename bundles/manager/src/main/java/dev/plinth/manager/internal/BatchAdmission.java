package dev.plinth.manager.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.plinth.api.Options;
import dev.plinth.api.PluginException;

/**
 * The participants' checks of a batch install, member by member when the batch as a whole is refused: each plugin
 * of a batch succeeds or fails on its own, so the members are checked in the order they install (providers first,
 * then as given), each together with those admitted before it; a member refused is left out with its own reason
 * (the second of two plugins declaring one configuration is refused, naming the first as its owner), and the
 * others are planned again without it.
 */
final class BatchAdmission {

    private final Supplier<Planner> planners;
    private final Participants participants;

    BatchAdmission(Supplier<Planner> planners, Participants participants) {
        this.planners = planners;
        this.participants = participants;
    }

    /**
     * The operation to run: {@code operation} when the participants accept it, else the batch planned again with
     * the members they accept one by one; each member refused is put in {@code failures} and its archive discarded.
     *
     * @param members the archives {@code operation} installs (those the planner did not refuse)
     * @throws PluginException when the batch is refused and cannot be taken apart (a single member), or when the
     *     admitted members are refused together
     */
    PlannedOperation admit(PlannedOperation operation, List<Archive> members, boolean enable,
            Map<String, PluginException> failures, Options options) throws PluginException {
        try {
            participants.check(operation, false, options);
            return operation;
        } catch (PluginException whole) {
            if (members.size() < 2) {
                throw whole;
            }
            discardAllBut(operation, members);
            List<Archive> admitted = new ArrayList<>();
            for (Archive member : ArchiveOrder.providersFirst(members)) {
                List<Archive> trial = new ArrayList<>(admitted);
                trial.add(member);
                PlannedOperation planned = planners.get().installAll(trial, enable).operation();
                try {
                    participants.check(planned, false, options);
                    admitted.add(member);
                } catch (PluginException refusal) {
                    failures.put(member.id(), refusal);
                    member.discard();
                } finally {
                    discardAllBut(planned, members);
                }
            }
            List<Archive> kept = members.stream().filter(admitted::contains).toList();
            Planner.Batch replanned = planners.get().installAll(new ArrayList<>(kept), enable);
            failures.putAll(replanned.refused());
            kept.stream().filter(archive -> replanned.refused().containsKey(archive.id())).forEach(Archive::discard);
            PlannedOperation again = replanned.operation();
            if (!again.steps().isEmpty()) {
                participants.check(again, false, options);
            }
            return again;
        }
    }

    /** Discards the archives {@code operation} brought besides the members' (the libraries it found). */
    private static void discardAllBut(PlannedOperation operation, List<Archive> members) {
        operation.steps().stream().map(PlannedOperation.Step::archive)
                .filter(archive -> archive != null && members.stream().noneMatch(member -> member == archive))
                .forEach(Archive::discard);
    }
}
