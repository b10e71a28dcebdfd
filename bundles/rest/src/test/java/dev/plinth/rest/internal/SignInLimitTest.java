package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SignInLimitTest {

    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final List<String> reported = new ArrayList<>();
    private final SignInLimit limit = new SignInLimit(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }, (address, failures) -> reported.add(address + " " + failures));

    @Test
    void anAddressIsRefusedAfterItsFailuresUntilTheWindowIsOverAndReportedOnce() {
        for (int i = 0; i < SignInLimit.FAILURES; i++) {
            assertEquals(0, limit.waitSeconds("10.0.0.1"));
            limit.failed("10.0.0.1");
        }
        assertEquals(60, limit.waitSeconds("10.0.0.1"));
        assertEquals(0, limit.waitSeconds("10.0.0.2"), "other addresses are not limited");
        limit.failed("10.0.0.1");
        assertEquals(List.of("10.0.0.1 10"), reported);
        now = now.plus(Duration.ofSeconds(45));
        assertEquals(15, limit.waitSeconds("10.0.0.1"));
        now = now.plus(Duration.ofSeconds(15));
        assertEquals(0, limit.waitSeconds("10.0.0.1"), "a new window");
    }
}
