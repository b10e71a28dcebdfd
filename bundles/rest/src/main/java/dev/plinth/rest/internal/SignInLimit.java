package dev.plinth.rest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Slows down guessing tokens by signing in: a client address with {@link #FAILURES} failed sign-ins within
 * {@link #WINDOW} is refused (429) until the window is over, a correct token too. Each address that reaches the limit
 * is reported once per window (its address and count, never a token). Thread-safe; it remembers at most
 * {@link #ADDRESSES} addresses (beyond, the windows that are over are forgotten, then all).
 */
final class SignInLimit {

    /** How many failed sign-ins an address may make within a window. */
    static final int FAILURES = 10;
    /** The window. */
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int ADDRESSES = 10_000;

    private record Window(Instant start, int failures) {
    }

    private final Clock clock;
    private final BiConsumer<String, Integer> report;
    private final Map<String, Window> windows = new HashMap<>();

    /** {@code report} hears each address that reaches the limit, once per window, with its count of failures. */
    SignInLimit(Clock clock, BiConsumer<String, Integer> report) {
        this.clock = clock;
        this.report = report;
    }

    /** The seconds {@code address} must wait before it may sign in again, 0 when it may now. */
    synchronized long waitSeconds(String address) {
        Window window = current(address);
        if (window == null || window.failures() < FAILURES) {
            return 0;
        }
        return Math.max(1, (Duration.between(clock.instant(), window.start().plus(WINDOW)).toMillis() + 999) / 1000);
    }

    /** Counts a failed sign-in of {@code address}. */
    void failed(String address) {
        int failures;
        synchronized (this) {
            Window window = current(address);
            if (window == null) {
                if (windows.size() >= ADDRESSES) {
                    forget();
                }
                window = new Window(clock.instant(), 0);
            }
            failures = window.failures() + 1;
            windows.put(address, new Window(window.start(), failures));
        }
        if (failures == FAILURES) {
            report.accept(address, failures);
        }
    }

    private Window current(String address) {
        Window window = windows.get(address);
        if (window != null && !clock.instant().isBefore(window.start().plus(WINDOW))) {
            windows.remove(address);
            return null;
        }
        return window;
    }

    private void forget() {
        Instant now = clock.instant();
        windows.values().removeIf(window -> !now.isBefore(window.start().plus(WINDOW)));
        if (windows.size() >= ADDRESSES) {
            windows.clear();
        }
    }
}
