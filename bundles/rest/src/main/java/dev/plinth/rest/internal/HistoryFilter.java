package dev.plinth.rest.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import dev.plinth.api.Operation;
import dev.plinth.api.Verb;

/**
 * The filters of {@code GET /api/history}: {@code by}, {@code verb}, {@code target} and {@code outcome}, each an exact
 * match ({@code verb} and {@code outcome} in the operators' words: {@code install}, {@code rolled-back}). A verb or an
 * outcome that does not exist is refused, so that a misspelt filter does not answer an empty history.
 */
final class HistoryFilter {

    /** The query parameters of the history. */
    static final Set<String> PARAMETERS = Set.of("limit", "by", "verb", "target", "outcome");

    private final String by;
    private final Verb verb;
    private final String target;
    private final Operation.Outcome outcome;

    private HistoryFilter(String by, Verb verb, String target, Operation.Outcome outcome) {
        this.by = by;
        this.verb = verb;
        this.target = target;
        this.outcome = outcome;
    }

    /** The filters {@code query} gives. */
    static HistoryFilter of(Query query) throws ApiException {
        String verb = query.text("verb");
        String outcome = query.text("outcome");
        return new HistoryFilter(query.text("by"),
                verb == null ? null : Arrays.stream(Verb.values()).filter(each -> each.label().equals(verb)).findFirst()
                        .orElseThrow(() -> ApiException.badRequest("no verb '" + verb + "'; verbs are " + labels(
                                Arrays.stream(Verb.values()).map(Verb::label).toList()))),
                query.text("target"),
                outcome == null ? null : Arrays.stream(Operation.Outcome.values())
                        .filter(each -> each.label().equals(outcome)).findFirst()
                        .orElseThrow(() -> ApiException.badRequest("no outcome '" + outcome + "'; outcomes are "
                                + labels(Arrays.stream(Operation.Outcome.values()).map(Operation.Outcome::label)
                                        .toList()))));
    }

    /** True when no filter is set. */
    boolean all() {
        return by == null && verb == null && target == null && outcome == null;
    }

    /** The last {@code limit} operations of {@code operations} (oldest first) that match, oldest first. */
    List<Operation> last(List<Operation> operations, int limit) {
        List<Operation> matching = operations.stream().filter(matches()).toList();
        return matching.subList(Math.max(0, matching.size() - limit), matching.size());
    }

    private Predicate<Operation> matches() {
        return operation -> (by == null || by.equals(operation.by())) && (verb == null || verb == operation.verb())
                && (target == null || target.equals(operation.target()))
                && (outcome == null || outcome == operation.outcome());
    }

    private static String labels(List<String> labels) {
        return String.join(", ", labels);
    }
}
