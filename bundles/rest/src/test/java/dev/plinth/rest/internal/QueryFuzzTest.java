package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes query strings as the endpoints read them ({@link Query}): every question (a flag, a bounded number, a
 * text, the known names) is either answered, a number within its bounds, or refused with a 400 that says why.
 * Seeds: {@code QueryFuzzTestInputs/query} (the raw query string).
 */
class QueryFuzzTest {

    private static final Set<String> KNOWN = Set.of("all", "limit", "q");

    @FuzzTest(maxDuration = "3m")
    void query(byte[] bytes) throws Exception {
        String raw = new String(bytes, StandardCharsets.UTF_8);
        Query query;
        try {
            query = FuzzChecks.timed("parsing " + raw.length() + " characters", () -> Query.parse(raw));
        } catch (ApiException e) {
            refusal(e);
            return;
        }
        ask(() -> query.flag("all"));
        ask(() -> {
            int limit = query.number("limit", 50, 1, 1000);
            assertTrue(limit >= 1 && limit <= 1000, "limit " + limit);
            return limit;
        });
        ask(() -> query.text("q"));
        ask(() -> query.only(KNOWN));
    }

    private static void ask(FuzzChecks.Step<?> question) throws Exception {
        try {
            FuzzChecks.timed("a question", question);
        } catch (ApiException e) {
            refusal(e);
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading a query", e);
        }
    }

    private static void refusal(ApiException e) {
        assertEquals(400, e.problem().status(), e.problem().toString());
        assertTrue(!e.problem().message().isBlank());
    }
}
