package dev.plinth.api;

import java.util.List;

/**
 * A batch of installs or removals ({@link PluginManager#installBatch}, {@link PluginManager#removeBatch}): its plan,
 * and what became of each item.
 *
 * @param plan the steps of the items that went (or, in a dry run, would go) ahead, as one operation; empty when
 *     none could
 * @param results one per item, in the order asked: in a dry run, an item without a failure would be carried out
 */
public record Batch(Plan plan, List<BatchResult> results) {

    public Batch {
        results = List.copyOf(results);
    }
}
