package dev.plinth.settings.internal;

import java.io.IOException;

/**
 * A rotation of the secret key: a new key, every sealed text of the store re-sealed with it
 * ({@link SettingsStore#resealAll}), then the new key replacing the old.
 */
@FunctionalInterface
interface KeyRotation {

    /** Without a secret key there is nothing to rotate. */
    KeyRotation UNAVAILABLE = store -> {
        throw new IOException("the runtime has no secret key");
    };

    /** Rotates the key and re-seals every secret of {@code store}; answers how many secrets were re-sealed. */
    int rotate(SettingsStore store) throws IOException;
}
