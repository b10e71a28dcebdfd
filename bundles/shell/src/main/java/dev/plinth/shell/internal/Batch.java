package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.BatchResult;

/**
 * What {@code plugin:install} and {@code plugin:remove} return when given several archives or ids: one
 * operation, one result per item.
 *
 * @param verb the verb, as the operator typed it
 * @param results one per item, in the order given
 */
record Batch(String verb, List<BatchResult> results) {

    Batch {
        results = List.copyOf(results);
    }

    long failed() {
        return results.stream().filter(result -> !result.succeeded()).count();
    }

    /** This batch, or its report as the command's failure when an item failed, so that the status says so. */
    Batch orFailure() {
        if (failed() > 0) {
            throw new CommandFailedException(new ShellFormatter().batch(this));
        }
        return this;
    }
}
