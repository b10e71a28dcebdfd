package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Version;
import org.osgi.service.log.Logger;

import dev.plinth.api.Options;
import dev.plinth.api.Plan;
import dev.plinth.api.PluginException;
import dev.plinth.api.Verb;
import dev.plinth.api.extension.OperationContext;
import dev.plinth.api.extension.OperationParticipant;

class ParticipantsTest {

    private static final PlannedOperation REMOVAL = operation(Verb.REMOVE,
            new PlannedOperation.Step(Plan.Action.UNINSTALL, "k.b", "1.0.0", "", null));

    private final List<String> calls = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    @Test
    void theFirstRefusalIsTheFailureAndNoLaterParticipantIsAsked() {
        PluginException refusal = new PluginException(PluginException.Code.PROTECTED, "k.b is pinned");
        Participants participants = participants(participant("a", refusal, null), participant("b", null, null));

        assertSame(refusal, assertThrows(PluginException.class,
                () -> participants.check(REMOVAL, false, Options.DEFAULT)));
        assertEquals(List.of("a checks REMOVE k.b"), calls);
    }

    @Test
    void aPlanThatChangesNothingIsNotShownToParticipants() throws PluginException {
        participants(participant("a", null, null)).check(operation(Verb.ENABLE), false, Options.DEFAULT);

        assertEquals(List.of(), calls);
    }

    @Test
    void aParticipantThatFailsToFollowIsLoggedAndTheOthersAreStillTold() {
        participants(participant("a", null, new IllegalStateException("disk full")), participant("b", null, null))
                .committed(REMOVAL, Options.DEFAULT);

        assertEquals(List.of("a follows REMOVE k.b", "b follows REMOVE k.b"), calls);
        assertEquals(1, errors.size());
    }

    @Test
    void noParticipantsIsNothingToCall() throws PluginException {
        Participants participants = new Participants(() -> null, logger());
        participants.check(REMOVAL, false, Options.DEFAULT);
        participants.committed(REMOVAL, Options.DEFAULT);

        assertEquals(List.of(), errors);
    }

    @Test
    void participantsAreToldTheOperatorsOptionsAndTheArchivesThePlanInstalls() throws PluginException {
        Path archive = Path.of("staged", "k.c-2.0.0.jar");
        PlannedOperation upgrade = operation(Verb.UPGRADE, new PlannedOperation.Step(Plan.Action.UPDATE, "k.c", "2.0.0",
                "from 1.0.0", new Archive(archive, "00", "k.c", Version.parseVersion("2.0.0"), new Attributes(),
                        "k.c-2.0.0.jar", true)));
        List<String> seen = new ArrayList<>();
        OperationParticipant participant = new OperationParticipant() {
            @Override
            public void check(Plan plan) {
                seen.add("without context");
            }

            @Override
            public void check(Plan plan, OperationContext context) {
                seen.add("force " + context.options().force() + ", " + plan.steps().get(0).id() + " from "
                        + context.archive("k.c").orElse(null) + ", other " + context.archive("k.b"));
            }

            @Override
            public void committed(Plan plan, OperationContext context) {
                seen.add("committed, keep data " + context.options().keepData());
            }
        };
        Participants participants = participants(participant);

        participants.check(upgrade, true, Options.DEFAULT.withForce(true));
        participants.committed(upgrade, Options.DEFAULT.withKeepData(true));

        assertEquals(List.of("force true, k.c from " + archive + ", other " + Optional.empty(),
                "committed, keep data true"), seen);
    }

    @Test
    void aParticipantsNoteIsAddedToTheReasonOfTheStepThatUpdatesItsPlugin() throws PluginException {
        PlannedOperation upgrade = operation(Verb.UPGRADE,
                new PlannedOperation.Step(Plan.Action.STOP, "k.b", "1.0.0", "", null),
                new PlannedOperation.Step(Plan.Action.UPDATE, "k.b", "2.0.0", "from 1.0.0", null));
        OperationParticipant noting = new OperationParticipant() {
            @Override
            public void check(Plan plan) {
            }

            @Override
            public void check(Plan plan, OperationContext context) {
                context.note("k.b", "forced: the new version refuses its settings: p port: too low");
            }

            @Override
            public void committed(Plan plan) {
            }
        };

        Plan shown = participants(noting).check(upgrade, true, Options.DEFAULT).plan(true);

        assertEquals("", shown.steps().get(0).reason());
        assertEquals("from 1.0.0; forced: the new version refuses its settings: p port: too low",
                shown.steps().get(1).reason());
        assertSame(upgrade, participants(participant("a", null, null)).check(upgrade, true, Options.DEFAULT),
                "without a note the operation is the one planned");
    }

    private static PlannedOperation operation(Verb verb, PlannedOperation.Step... steps) {
        return new PlannedOperation(verb, "k.b", List.of(steps), List.of(), List.of(), null, null, null);
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
