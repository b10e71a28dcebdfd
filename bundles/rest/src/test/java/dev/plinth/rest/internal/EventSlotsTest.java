package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class EventSlotsTest {

    @Test
    void aViewerTokenTakesItsShareOnlyAndTheAdminAlwaysFindsASlot() {
        EventSlots slots = new EventSlots(16);
        for (int i = 0; i < 4; i++) {
            assertNull(slots.refusal("viewer-a"));
            slots.take("viewer-a");
        }
        assertNotNull(slots.refusal("viewer-a"));
        for (String viewer : new String[] {"viewer-b", "viewer-c"}) {
            for (int i = 0; i < 4; i++) {
                slots.take(viewer);
            }
        }
        assertNotNull(slots.refusal("viewer-d"), "the last share stays for the admin");
        for (int i = 0; i < 4; i++) {
            assertNull(slots.refusal(EventSlots.ADMIN));
            slots.take(EventSlots.ADMIN);
        }
        assertNotNull(slots.refusal(EventSlots.ADMIN), "all 16 slots taken");
        slots.release("viewer-a");
        assertNull(slots.refusal("viewer-a"));
    }

    @Test
    void withOneSlotOnlyTheAdminFollows() {
        EventSlots slots = new EventSlots(1);
        assertNotNull(slots.refusal("viewer"));
        assertNull(slots.refusal(EventSlots.ADMIN));
    }
}
