package dev.plinth.settings.internal;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Notices when the secret key becomes usable again (a key file's mode fixed, a missing key file given back): then
 * the configurations holding secrets are delivered again, so that their plugins get their secrets without a restart.
 * {@link #check()} is called at each read of the key's problem and periodically.
 */
final class KeyWatch {

    private final Supplier<Optional<String>> problem;
    private final Runnable usableAgain;
    private boolean failing;

    KeyWatch(Supplier<Optional<String>> problem, Runnable usableAgain) {
        this.problem = problem;
        this.usableAgain = usableAgain;
    }

    /** The key's problem now; when there was one at the previous check and there is none now, redelivers. */
    Optional<String> check() {
        Optional<String> now = problem.get();
        boolean recovered;
        synchronized (this) {
            recovered = failing && now.isEmpty();
            failing = now.isPresent();
        }
        if (recovered) {
            usableAgain.run();
        }
        return now;
    }
}
