package dev.plinth.common.documents;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import dev.plinth.api.Operation;

/**
 * One history entry as JSON ({@code GET /api/history}, {@code plugin:history --json}): every {@link Operation}
 * property inline, then who asked split into its {@code channel} and {@code by} ({@link Operation#channel()},
 * {@link Operation#by()}).
 */
public record OperationDocument(@JsonUnwrapped Operation operation, String channel, String by) {

    /** The document of {@code operation}. */
    public static OperationDocument of(Operation operation) {
        return new OperationDocument(operation, operation.channel(), operation.by());
    }
}
