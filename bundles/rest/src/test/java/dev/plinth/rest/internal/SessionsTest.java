package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SessionsTest {

    private static final Credential ADMIN = new Credential("admin", Principal.Role.ADMIN, "admin:aa");
    private static final Credential OPS = new Credential("ops", Principal.Role.VIEWER, "ops:bb");

    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));

    @Test
    void aSessionHasRandomIdsAndIsFoundByItsIdOnly() {
        Sessions.Session one = sessions.create(ADMIN);
        Sessions.Session two = sessions.create(ADMIN);
        assertNotEquals(one.id(), two.id());
        assertNotEquals(one.csrf(), two.csrf());
        assertEquals(43, one.id().length(), "256 bits in base64url");
        assertEquals(ADMIN, sessions.use(one.id()).credential());
        assertNull(sessions.use(one.csrf()));
        assertNull(sessions.use(null));
        assertNull(sessions.use(""));
        assertEquals(now.plus(Duration.ofMinutes(30)), one.expires());
    }

    @Test
    void anIdleSessionEndsAndUseKeepsItAliveUpToItsLifetime() {
        Sessions.Session session = sessions.create(ADMIN);
        for (int i = 0; i < 24; i++) {
            now = now.plus(Duration.ofMinutes(29));
            assertNotNull(sessions.use(session.id()), "used after " + i);
        }
        now = Instant.parse("2026-12-06T21:59:00Z");
        assertEquals(Instant.parse("2026-12-06T22:00:00Z"), sessions.use(session.id()).expires(),
                "never beyond the lifetime");
        now = Instant.parse("2026-12-06T22:00:00Z");
        assertNull(sessions.use(session.id()));

        Sessions.Session idle = sessions.create(ADMIN);
        now = now.plus(Duration.ofMinutes(30));
        assertNull(sessions.use(idle.id()));
    }

    @Test
    void endingASessionOrTakingItsTokenAwayEndsIt() {
        Sessions.Session admin = sessions.create(ADMIN);
        Sessions.Session ops = sessions.create(OPS);
        sessions.end(admin.id());
        assertNull(sessions.use(admin.id()));
        sessions.retain(Set.of("admin:aa", "ops:bb"));
        assertNotNull(sessions.use(ops.id()));
        sessions.retain(Set.of("admin:aa", "ops:cc"));
        assertNull(sessions.use(ops.id()));
    }

    @Test
    void atMostAThousandLiveAndTheOldestIsEndedForANewOne() {
        Sessions.Session first = sessions.create(ADMIN);
        Sessions.Session second = sessions.create(ADMIN);
        for (int i = 2; i < Sessions.MAX_SESSIONS; i++) {
            sessions.create(OPS);
        }
        assertEquals(Sessions.MAX_SESSIONS, sessions.size());
        sessions.use(first.id());
        Sessions.Session newest = sessions.create(ADMIN);
        assertEquals(Sessions.MAX_SESSIONS, sessions.size());
        assertNull(sessions.use(first.id()), "the oldest by sign-in, however recently used");
        assertNotNull(sessions.use(second.id()));
        assertNotNull(sessions.use(newest.id()));
    }
}
