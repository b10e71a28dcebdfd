package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.osgi.service.log.Logger;

import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationParticipant;

class ParticipantsTest {

    private static final Plan REMOVAL = new Plan(Verb.REMOVE, "k.b",
            List.of(new Plan.Step(Plan.Action.UNINSTALL, "k.b", "1.0.0", "")), List.of(), false);

    private final List<String> calls = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @Test
    void theFirstRefusalIsTheFailureAndNoLaterParticipantIsAsked() {
        PluginException refusal = new PluginException(PluginException.Code.PROTECTED, "k.b is pinned");
        Participants participants = participants(participant("a", refusal, null), participant("b", null, null));

        assertSame(refusal, assertThrows(PluginException.class, () -> participants.check(REMOVAL)));
        assertEquals(List.of("a checks REMOVE k.b"), calls);
    }

    @Test
    void aPlanThatChangesNothingIsNotShownToParticipants() throws PluginException {
        participants(participant("a", null, null)).check(new Plan(Verb.ENABLE, "k.b", List.of(), List.of(), false));

        assertEquals(List.of(), calls);
    }

    @Test
    void aParticipantThatFailsToFollowIsLoggedAndTheOthersAreStillTold() {
        participants(participant("a", null, new IllegalStateException("disk full")), participant("b", null, null))
                .committed(REMOVAL);

        assertEquals(List.of("a follows REMOVE k.b", "b follows REMOVE k.b"), calls);
        assertEquals(1, errors.size());
    }

    @Test
    void noParticipantsIsNothingToCall() throws PluginException {
        Participants participants = new Participants(() -> null, logger());
        participants.check(REMOVAL);
        participants.committed(REMOVAL);

        assertEquals(List.of(), errors);
    }

    private Participants participants(OperationParticipant... participants) {
        return new Participants(() -> List.of(participants), logger());
    }

    private OperationParticipant participant(String name, PluginException refusal, RuntimeException failure) {
        return new OperationParticipant() {
            @Override
            public void check(Plan plan) throws PluginException {
                calls.add(name + " checks " + plan.verb() + " " + plan.target());
                if (refusal != null) {
                    throw refusal;
                }
            }

            @Override
            public void committed(Plan plan) {
                calls.add(name + " follows " + plan.verb() + " " + plan.target());
                if (failure != null) {
                    throw failure;
                }
            }
        };
    }

    private Logger logger() {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("error")) {
                        errors.add(String.valueOf(args[0]));
                    }
                    return method.getReturnType() == boolean.class ? false : null;
                });
    }
}
