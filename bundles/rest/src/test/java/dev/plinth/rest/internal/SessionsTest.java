package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
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
    void lookingASessionUpDoesNotKeepItAliveOnlyUseDoes() {
        Sessions.Session session = sessions.create(ADMIN);
        now = now.plus(Duration.ofMinutes(20));
        assertEquals(session.id(), sessions.first(java.util.List.of("junk", session.id()), null).id());
        now = now.plus(Duration.ofMinutes(20));
        assertNull(sessions.first(java.util.List.of(session.id()), null),
                "requests refused after the look-up (no CSRF header) do not count as use");
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
    void aTokenHoldsAtMostItsShareAndItsOwnOldestSessionEndsForANewOne() {
        Sessions.Session admin = sessions.create(ADMIN);
        Sessions.Session first = sessions.create(OPS);
        Sessions.Session second = sessions.create(OPS);
        for (int i = 2; i < 1000; i++) {
            sessions.create(OPS);
        }
        assertNotNull(sessions.use(admin.id()), "a viewer signing in again and again never ends the admin's");
        assertNull(sessions.use(first.id()));
        assertNull(sessions.use(second.id()));
        assertEquals(Sessions.PER_TOKEN + 1, sessions.size());
    }

    @Test
    void atMostAThousandLiveAndTheOldestOfTheTokenHoldingMostIsEndedForANewOne() {
        Sessions.Session admin = sessions.create(ADMIN);
        List<Sessions.Session> busiest = new ArrayList<>();
        for (int i = 1; i < Sessions.MAX_SESSIONS; i++) {
            Credential viewer = new Credential("v" + i % 40, Principal.Role.VIEWER, "v" + i % 40 + ":cc");
            Sessions.Session session = sessions.create(viewer);
            if (i % 40 == 1) {
                busiest.add(session);
            }
        }
        assertEquals(Sessions.MAX_SESSIONS, sessions.size());
        List<String> told = new ArrayList<>();
        sessions.onEnd(told::add);
        Sessions.Session newest = sessions.create(new Credential("w", Principal.Role.VIEWER, "w:dd"));
        assertEquals(Sessions.MAX_SESSIONS, sessions.size());
        assertNotNull(sessions.use(admin.id()), "the oldest session, but of a token holding one");
        assertNull(sessions.use(busiest.get(0).id()), "the oldest of the token holding the most");
        assertEquals(List.of(busiest.get(0).id()), told);
        assertNotNull(sessions.use(busiest.get(1).id()));
        assertNotNull(sessions.use(newest.id()));
    }

    @Test
    void theCookieLivesUntilTheSessionsEndAndAlivenessDoesNotCountAsUse() {
        Sessions.Session session = sessions.create(ADMIN);
        assertEquals(now.plus(Duration.ofHours(12)), session.ends());
        assertEquals(12 * 3600, sessions.secondsLeft(session.ends()));
        now = now.plus(Duration.ofMinutes(29));
        assertTrue(sessions.alive(session.id()));
        now = now.plus(Duration.ofMinutes(1));
        assertFalse(sessions.alive(session.id()), "checking that it lives did not keep it alive");
    }

    @Test
    void whoFollowsASessionHearsWhenItIsEnded() {
        List<String> told = new ArrayList<>();
        sessions.onEnd(told::add);
        Sessions.Session admin = sessions.create(ADMIN);
        Sessions.Session ops = sessions.create(OPS);
        sessions.end(admin.id());
        sessions.retain(Set.of("admin:aa"));
        assertEquals(List.of(admin.id(), ops.id()), told);
        Sessions.Session again = sessions.create(ADMIN);
        sessions.endAll();
        assertEquals(again.id(), told.get(2));
        assertFalse(sessions.alive(again.id()));
    }

    @Test
    void theLiveSessionsOfACookieAreNewestFirstAndLookingThemUpIsNoUse() {
        Sessions.Session first = sessions.create(ADMIN);
        now = now.plus(Duration.ofMinutes(10));
        Sessions.Session second = sessions.create(OPS);
        now = now.plus(Duration.ofMinutes(10));
        Sessions.Session third = sessions.create(ADMIN);
        sessions.end(second.id());
        assertEquals(List.of(third.id(), first.id()), sessions.live(List.of("junk", first.id(), second.id(),
                third.id(), first.id())).stream().map(Sessions.Session::id).toList());
        now = now.plus(Duration.ofMinutes(10));
        assertEquals(List.of(third.id()), sessions.live(List.of(first.id(), third.id())).stream()
                .map(Sessions.Session::id).toList(), "the first ended idle: looking it up did not keep it alive");

        Sessions.Session same = sessions.create(OPS);
        Sessions.Session again = sessions.create(OPS);
        assertEquals(List.of(again.id(), same.id()), sessions.live(List.of(again.id(), same.id())).stream()
                .map(Sessions.Session::id).toList(), "begun at the same instant: in the cookie's order");
        assertEquals(List.of(same.id(), again.id()), sessions.live(List.of(same.id(), again.id())).stream()
                .map(Sessions.Session::id).toList());
    }
}
