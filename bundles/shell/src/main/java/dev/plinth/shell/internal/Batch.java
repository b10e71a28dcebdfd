package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.BatchResult;
import dev.plinth.api.Plan;

/**
 * What {@code plugin:install} and {@code plugin:remove} return when given several archives or ids: one
 * operation, one result per item.
 *
 * @param verb the verb, as the operator typed it
 * @param plan the plan of the items that went (or, in a dry run, would go) ahead; null when the batch has none to
 *     show (an update of several plugins, each its own operation)
 * @param results one per item, in the order given
 */
record Batch(String verb, Plan plan, List<BatchResult> results) {

    Batch {
        results = List.copyOf(results);
    }

    long failed() {
        return results.stream().filter(result -> !result.succeeded()).count();
    }

    Batch(String verb, dev.plinth.api.Batch batch) {
        this(verb, batch.plan(), batch.results());
    }

    boolean simulated() {
        return plan != null && plan.simulated();
    }

    /** This batch, or its report as the command's failure when an item failed, so that the status says so. */
    Batch orFailure() {
        if (failed() > 0) {
            throw new CommandFailedException(new ShellFormatter().batch(this));
        }
        return this;
    }
}
