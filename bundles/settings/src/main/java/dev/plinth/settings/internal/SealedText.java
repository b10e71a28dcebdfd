package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The stored form of a secret: {@code {aes-gcm:<key-id>}<base64(iv | ciphertext with its tag)>}. Parsing checks the
 * form only; whether the ciphertext opens is the cipher's business. Messages never repeat the text.
 *
 * @param keyId the id of the key it was sealed with
 * @param iv the 12-byte initialisation vector
 * @param ciphertext the ciphertext followed by the 16-byte GCM tag
 */
record SealedText(String keyId, byte[] iv, byte[] ciphertext) {

    /** What every sealed text starts with. */
    static final String PREFIX = "{aes-gcm:";

    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;

    /** The longest sealed text read: far beyond any secret an operator types. */
    static final int MAX_LENGTH = 64 * 1024;

    SealedText {
        if (!KeyId.valid(keyId)) {
            throw new IllegalArgumentException("invalid key id");
        }
        if (iv.length != IV_BYTES || ciphertext.length < TAG_BYTES) {
            throw new IllegalArgumentException("invalid sealed value");
        }
        iv = iv.clone();
        ciphertext = ciphertext.clone();
    }

    /** Whether {@code text} claims to be sealed (it starts with {@link #PREFIX}), well formed or not. */
    static boolean claims(String text) {
        return text != null && text.startsWith(PREFIX);
    }

    /** Reads a sealed text; an {@link IOException} saying what is wrong with its form (never its content). */
    static SealedText parse(String text) throws IOException {
        if (!claims(text)) {
            throw new IOException("not a sealed secret (it does not start with " + PREFIX + ")");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IOException("the sealed secret is longer than " + MAX_LENGTH + " characters");
        }
        int close = text.indexOf('}', PREFIX.length());
        if (close < 0) {
            throw new IOException("the sealed secret has no end to its key id ('}')");
        }
        String keyId = text.substring(PREFIX.length(), close);
        if (!KeyId.valid(keyId)) {
            throw new IOException("the sealed secret names no valid key id (" + KeyId.LENGTH + " hex digits)");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.substring(close + 1));
        } catch (IllegalArgumentException e) {
            throw new IOException("the sealed secret is not base64 after its key id");
        }
        if (bytes.length < IV_BYTES + TAG_BYTES) {
            throw new IOException("the sealed secret is too short (" + bytes.length + " bytes, at least "
                    + (IV_BYTES + TAG_BYTES) + ")");
        }
        return new SealedText(keyId, Arrays.copyOf(bytes, IV_BYTES), Arrays.copyOfRange(bytes, IV_BYTES,
                bytes.length));
    }

    /** The text form, which {@link #parse} reads back. */
    String text() {
        byte[] bytes = new byte[iv.length + ciphertext.length];
        System.arraycopy(iv, 0, bytes, 0, iv.length);
        System.arraycopy(ciphertext, 0, bytes, iv.length, ciphertext.length);
        return PREFIX + keyId + "}" + Base64.getEncoder().encodeToString(bytes);
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] ciphertext() {
        return ciphertext.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedText that && keyId.equals(that.keyId) && Arrays.equals(iv, that.iv)
                && Arrays.equals(ciphertext, that.ciphertext);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode() * 31 + Arrays.hashCode(ciphertext);
    }

    @Override
    public String toString() {
        return "SealedText[keyId=" + keyId + "]";
    }
}
