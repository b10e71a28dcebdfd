package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.api.Operation;
import dev.plinth.api.Operation.Outcome;
import dev.plinth.api.Verb;

class HistoryFilterTest {

    private static final List<Operation> HISTORY = List.of(
            operation(1, Verb.INSTALL, "a", Outcome.SUCCEEDED, "rest:admin"),
            operation(2, Verb.INSTALL, "b", Outcome.FAILED, "deploy"),
            operation(3, Verb.ENABLE, "a", Outcome.SUCCEEDED, "console:ops"),
            operation(4, Verb.INSTALL, "c", Outcome.ROLLED_BACK, "rest:admin"),
            operation(5, Verb.REMOVE, "a", Outcome.SUCCEEDED, "shell:ada"));

    private static Operation operation(long sequence, Verb verb, String target, Outcome outcome, String origin) {
        return new Operation(sequence, null, verb, target, null, null, outcome, "", origin);
    }

    private static List<Long> filtered(String query, int limit) throws ApiException {
        return HistoryFilter.of(Query.parse(query)).last(HISTORY, limit).stream().map(Operation::sequence).toList();
    }

    @Test
    void eachFilterMatchesExactlyAndTheLimitTakesTheNewest() throws ApiException {
        assertEquals(List.of(1L, 4L), filtered("by=admin", 50));
        assertEquals(List.of(4L), filtered("by=admin", 1));
        assertEquals(List.of(2L), filtered("by=deploy", 50));
        assertEquals(List.of(1L, 2L, 4L), filtered("verb=install", 50));
        assertEquals(List.of(4L), filtered("outcome=rolled-back", 50));
        assertEquals(List.of(1L, 3L, 5L), filtered("target=a", 50));
        assertEquals(List.of(3L), filtered("target=a&by=ops&verb=enable&outcome=succeeded", 50));
        assertEquals(List.of(), filtered("by=adm", 50));
        assertTrue(HistoryFilter.of(Query.parse("limit=3")).all());
    }

    @Test
    void aVerbOrOutcomeThatDoesNotExistIsRefused() {
        assertEquals(400, assertThrows(ApiException.class, () -> filtered("verb=jump", 5)).problem().status());
        assertEquals(400, assertThrows(ApiException.class, () -> filtered("outcome=ROLLED_BACK", 5)).problem()
                .status());
    }
}
