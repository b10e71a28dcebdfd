package dev.plinth.manager.internal;

import java.util.List;
import java.util.function.Supplier;

import org.osgi.service.log.Logger;

import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.extension.OperationParticipant;

/** Calls the {@link OperationParticipant}s: each may refuse a plan before it runs, and each follows what committed. */
final class Participants {

    private final Supplier<List<OperationParticipant>> current;
    private final Logger log;

    /** @param current the participants registered now (null when none) */
    Participants(Supplier<List<OperationParticipant>> current, Logger log) {
        this.current = current;
        this.log = log;
    }

    /** Asks each participant about a plan that changes something; the first refusal stops the operation. */
    void check(Plan plan) throws PluginException {
        List<OperationParticipant> participants = current.get();
        if (participants != null && !plan.empty()) {
            for (OperationParticipant participant : List.copyOf(participants)) {
                participant.check(plan);
            }
        }
    }

    /** Tells each participant about a committed plan; a participant that fails is logged and the others still told. */
    void committed(Plan plan) {
        List<OperationParticipant> participants = current.get();
        if (participants == null) {
            return;
        }
        for (OperationParticipant participant : List.copyOf(participants)) {
            try {
                participant.committed(plan);
            } catch (RuntimeException e) {
                log.error("{} failed to follow the {} of {}: {}", participant.getClass().getName(),
                        plan.verb().label(), plan.target(), e.toString());
            }
        }
    }
}
