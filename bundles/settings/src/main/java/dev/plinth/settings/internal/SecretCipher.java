package dev.plinth.settings.internal;

import java.io.IOException;

/**
 * Seals secret values for storage and opens them on delivery. A sealed value is text that names the key it was
 * sealed with, so that a rotation can tell old from new; opening a value sealed with an unknown or wrong key, or
 * altered, fails: it is never delivered.
 */
interface SecretCipher {

    /** The sealed form of {@code plain}. */
    String seal(String plain) throws IOException;

    /** The plain value of {@code sealed}; an {@link IOException} (never naming the value) when it cannot be opened. */
    String open(String sealed) throws IOException;

    /** Whether {@code text} is in the sealed form (and must be opened before delivery). */
    boolean isSealed(String text);
}
