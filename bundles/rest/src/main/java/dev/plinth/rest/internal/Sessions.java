package dev.plinth.rest.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The console's sessions, in memory (a restart signs everyone out): each made by signing in with a token, known by a
 * random 256-bit id that only the client's cookie holds (this store keys it by its digest), with a CSRF token of its
 * own. A session ends when it has been idle for {@code idle}, {@code max} after it began, when it is ended, when its
 * token is taken away ({@link #retain}), or when it is pushed out: a token holds at most {@link #PER_TOKEN} sessions
 * (its oldest ends for a new one), and when {@link #MAX_SESSIONS} live, the oldest session of a token holding the
 * most ends, so that signing in again and again with one token never ends another token's sessions. Whoever follows a
 * session ({@link #onEnd}) hears when it ends by sign-out, eviction or its token going. Thread-safe.
 */
final class Sessions {

    /** How many sessions may live at once. */
    static final int MAX_SESSIONS = 1000;
    /** How many sessions one token may hold; its oldest is ended for a new one beyond. */
    static final int PER_TOKEN = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A live session.
     *
     * @param id the session id, as the cookie carries it
     * @param credential the token it was made with
     * @param csrf the value the {@code X-Plinth-CSRF} header must carry
     * @param created when it began
     * @param expires when it ends unless it is used before
     * @param ends when it ends however much it is used
     */
    record Session(String id, Credential credential, String csrf, Instant created, Instant expires, Instant ends) {
    }

    private final Clock clock;
    private volatile Duration idle;
    private volatile Duration max;
    private final Map<String, Session> live = new LinkedHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    Sessions(Clock clock, Duration idle, Duration max) {
        this.clock = clock;
        limits(idle, max);
    }

    /** From now on, sessions end after {@code idle} unused and {@code max} after they began. */
    void limits(Duration idle, Duration max) {
        this.idle = idle;
        this.max = max;
    }

    /** Tells {@code listener} the id of every session that is ended or pushed out (not of one found expired). */
    void onEnd(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Stops telling {@code listener}. */
    void stopTelling(Consumer<String> listener) {
        listeners.remove(listener);
    }

    /** A new session for {@code credential}. */
    Session create(Credential credential) {
        List<Session> ended = new ArrayList<>();
        Session session;
        synchronized (this) {
            Instant now = clock.instant();
            purge(now);
            if (count(credential.key()) >= PER_TOKEN) {
                ended.add(removeOldest(credential.key()));
            }
            if (live.size() >= MAX_SESSIONS) {
                ended.add(removeOldest(busiest()));
            }
            Instant ends = now.plus(max);
            session = new Session(random(), credential, random(), now, earlier(now.plus(idle), ends), ends);
            live.put(key(session.id()), session);
        }
        tell(ended);
        return session;
    }

    /** The live session of {@code id}, its idle time started again; {@code null} when there is none (any more). */
    synchronized Session use(String id) {
        Session session = find(id);
        if (session == null) {
            return null;
        }
        Session used = new Session(session.id(), session.credential(), session.csrf(), session.created(),
                earlier(clock.instant().plus(idle), session.ends()), session.ends());
        live.put(key(id), used);
        return used;
    }

    /**
     * The live session among {@code ids} (those the cookie carries) whose CSRF value is {@code csrf}, else the first
     * live one, its idle time not started again; {@code null} when none lives.
     */
    synchronized Session first(List<String> ids, String csrf) {
        Session first = null;
        for (String id : ids) {
            Session session = find(id);
            if (session == null) {
                continue;
            }
            if (CsrfCheck.matches(csrf, session.csrf())) {
                return session;
            }
            if (first == null) {
                first = session;
            }
        }
        return first;
    }

    /**
     * The live sessions among {@code ids}, newest first (those begun at the same instant in the order of
     * {@code ids}), each once; their idle time is not started again.
     */
    synchronized List<Session> live(List<String> ids) {
        Map<String, Session> found = new LinkedHashMap<>();
        for (String id : ids) {
            Session session = find(id);
            if (session != null) {
                found.putIfAbsent(session.id(), session);
            }
        }
        List<Session> live = new ArrayList<>(found.values());
        live.sort(Comparator.comparing(Session::created).reversed());
        return live;
    }

    /** True while the session of {@code id} lives; its idle time is not started again. */
    synchronized boolean alive(String id) {
        return find(id) != null;
    }

    /** Ends the session of {@code id}, when there is one. */
    void end(String id) {
        if (id == null) {
            return;
        }
        Session ended;
        synchronized (this) {
            ended = live.remove(key(id));
        }
        tell(ended == null ? List.of() : List.of(ended));
    }

    /** Ends every session whose token is not one of {@code keys} ({@link Credential#key()}). */
    void retain(Set<String> keys) {
        endAll(session -> !keys.contains(session.credential().key()));
    }

    /** Ends every session. */
    void endAll() {
        endAll(session -> true);
    }

    /** How many sessions live now. */
    synchronized int size() {
        purge(clock.instant());
        return live.size();
    }

    /** The time left to {@code instant}, in seconds rounded up, at least 0. */
    long secondsLeft(Instant instant) {
        return Math.max(0, (Duration.between(clock.instant(), instant).toMillis() + 999) / 1000);
    }

    private void endAll(Predicate<Session> which) {
        List<Session> ended = new ArrayList<>();
        synchronized (this) {
            live.values().removeIf(session -> which.test(session) && ended.add(session));
        }
        tell(ended);
    }

    private Session find(String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        String key = key(id);
        Session session = live.get(key);
        if (session != null && !clock.instant().isBefore(session.expires())) {
            live.remove(key);
            return null;
        }
        return session;
    }

    private int count(String token) {
        return (int) live.values().stream().filter(session -> session.credential().key().equals(token)).count();
    }

    /** A token holding the most sessions. */
    private String busiest() {
        Map<String, Integer> counts = new HashMap<>();
        String busiest = null;
        for (Session session : live.values()) {
            String token = session.credential().key();
            int count = counts.merge(token, 1, Integer::sum);
            if (busiest == null || count > counts.get(busiest)) {
                busiest = token;
            }
        }
        return busiest;
    }

    private Session removeOldest(String token) {
        var iterator = live.values().iterator();
        while (iterator.hasNext()) {
            Session session = iterator.next();
            if (session.credential().key().equals(token)) {
                iterator.remove();
                return session;
            }
        }
        throw new IllegalStateException("no session of the token");
    }

    private void tell(List<Session> ended) {
        for (Session session : ended) {
            listeners.forEach(listener -> listener.accept(session.id()));
        }
    }

    private static Instant earlier(Instant one, Instant other) {
        return one.isBefore(other) ? one : other;
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
