package dev.plinth.rest.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The console's sessions, in memory (a restart signs everyone out): each made by signing in with a token, known by a
 * random 256-bit id that only the client's cookie holds (this store keys it by its digest), with a CSRF token of its
 * own. A session ends when it has been idle for {@code idle}, {@code max} after it began, when it is ended, when its
 * token is taken away ({@link #retain}), or when {@link #MAX_SESSIONS} newer ones push it out. Thread-safe.
 */
final class Sessions {

    /** How many sessions may live at once; the oldest is ended for a new one beyond. */
    static final int MAX_SESSIONS = 1000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A live session.
     *
     * @param id the session id, as the cookie carries it
     * @param credential the token it was made with
     * @param csrf the value the {@code X-Plinth-CSRF} header must carry
     * @param created when it began
     * @param expires when it ends unless it is used before
     */
    record Session(String id, Credential credential, String csrf, Instant created, Instant expires) {
    }

    private final Clock clock;
    private volatile Duration idle;
    private volatile Duration max;
    private final Map<String, Session> live = new LinkedHashMap<>();

    Sessions(Clock clock, Duration idle, Duration max) {
        this.clock = clock;
        limits(idle, max);
    }

    /** From now on, sessions end after {@code idle} unused and {@code max} after they began. */
    void limits(Duration idle, Duration max) {
        this.idle = idle;
        this.max = max;
    }

    /** A new session for {@code credential}. */
    synchronized Session create(Credential credential) {
        Instant now = clock.instant();
        purge(now);
        while (live.size() >= MAX_SESSIONS) {
            live.remove(live.keySet().iterator().next());
        }
        Session session = new Session(random(), credential, random(), now, expiry(now, now));
        live.put(key(session.id()), session);
        return session;
    }

    /** The live session of {@code id}, its idle time started again; {@code null} when there is none (any more). */
    synchronized Session use(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        String key = key(id);
        Session session = live.get(key);
        if (session == null) {
            return null;
        }
        if (!now.isBefore(session.expires())) {
            live.remove(key);
            return null;
        }
        Session used = new Session(session.id(), session.credential(), session.csrf(), session.created(),
                expiry(session.created(), now));
        live.put(key, used);
        return used;
    }

    /** Ends the session of {@code id}, when there is one. */
    synchronized void end(String id) {
        if (id != null) {
            live.remove(key(id));
        }
    }

    /** Ends every session whose token is not one of {@code keys} ({@link Credential#key()}). */
    synchronized void retain(Set<String> keys) {
        live.values().removeIf(session -> !keys.contains(session.credential().key()));
    }

    /** How many sessions live now. */
    synchronized int size() {
        purge(clock.instant());
        return live.size();
    }

    /** The time left to a session that ends at {@code expires}, in seconds rounded up, at least 0. */
    long secondsLeft(Instant expires) {
        return Math.max(0, (Duration.between(clock.instant(), expires).toMillis() + 999) / 1000);
    }

    private Instant expiry(Instant created, Instant now) {
        Instant idleEnd = now.plus(idle);
        Instant maxEnd = created.plus(max);
        return idleEnd.isBefore(maxEnd) ? idleEnd : maxEnd;
    }

    private void purge(Instant now) {
        live.values().removeIf(session -> !now.isBefore(session.expires()));
    }

    private static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String key(String id) {
        return Base64.getEncoder().encodeToString(Tokens.digest(id));
    }
}
