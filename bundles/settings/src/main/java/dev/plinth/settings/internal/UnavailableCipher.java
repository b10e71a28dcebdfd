package dev.plinth.settings.internal;

import java.io.IOException;

/**
 * The cipher while the runtime has no secret key: nothing is sealed (a secret is refused rather than stored in
 * clear) and nothing sealed is opened (a sealed value is never delivered).
 */
final class UnavailableCipher implements SecretCipher {

    private static final String PREFIX = "{aes-gcm:";

    @Override
    public String seal(String plain) throws IOException {
        throw new IOException("secrets cannot be stored: the runtime has no secret key");
    }

    @Override
    public String open(String sealed) throws IOException {
        throw new IOException("the secret cannot be opened: the runtime has no secret key");
    }

    @Override
    public boolean isSealed(String text) {
        return text != null && text.startsWith(PREFIX);
    }
}
