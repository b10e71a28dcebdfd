package dev.plinth.shell.internal;

import java.util.List;

import dev.plinth.api.Operation;

/**
 * What {@code plugin:history} returns.
 *
 * @param operations the operations, oldest first
 */
record History(List<Operation> operations) {

    History {
        operations = List.copyOf(operations);
    }
}
