package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;

class OperationQueueTest {

    /** As deep as Felix's resolver goes for a chain of some thousands of bundles, and more. */
    @Test
    void operationsMayRecurseFarDeeperThanTheDefaultStackAllows() throws PluginException {
        try (OperationQueue queue = new OperationQueue(4)) {
            assertEquals(500_000L, queue.call(() -> depth(500_000)));
        }
    }

    @Test
    void anOperationCannotWaitForAnotherFromInsideTheQueue() throws PluginException {
        try (OperationQueue queue = new OperationQueue(4)) {
            PluginException busy = queue.call(() -> assertThrows(PluginException.class, () -> queue.call(() -> 1)));
            assertEquals(PluginException.Code.BUSY, busy.code());
        }
    }

    private static long depth(long remaining) {
        return remaining == 0 ? 0 : 1 + depth(remaining - 1);
    }
}
