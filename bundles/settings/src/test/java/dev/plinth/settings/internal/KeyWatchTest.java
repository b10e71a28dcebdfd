package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class KeyWatchTest {

    @Test
    void theConfigurationsAreDeliveredAgainOnceEachTimeTheKeyBecomesUsableAgain() {
        Deque<Optional<String>> states = new ArrayDeque<>(List.of(Optional.empty(), Optional.of("chmod 600"),
                Optional.of("chmod 600"), Optional.empty(), Optional.empty(), Optional.of("gone"), Optional.empty()));
        AtomicInteger delivered = new AtomicInteger();
        KeyWatch watch = new KeyWatch(states::poll, delivered::incrementAndGet);

        int[] after = new int[7];
        for (int i = 0; i < after.length; i++) {
            watch.check();
            after[i] = delivered.get();
        }

        assertEquals(List.of(0, 0, 0, 1, 1, 1, 2), java.util.Arrays.stream(after).boxed().toList());
    }
}
