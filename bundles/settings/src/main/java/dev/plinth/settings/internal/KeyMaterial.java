package dev.plinth.settings.internal;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A 256-bit AES key and its {@link KeyId}. Its text form, as kept in a key file or given in
 * {@code PLINTH_SECRET_KEY}, is the base64 of its 32 bytes; a key file may also hold the 32 bytes themselves.
 * Nothing here ever shows the key.
 */
final class KeyMaterial {

    static final int BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;
    private final String id;

    private KeyMaterial(byte[] bytes) {
        this.bytes = bytes.clone();
        this.id = KeyId.of(bytes);
    }

    /** A new random key. */
    static KeyMaterial generate() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return new KeyMaterial(bytes);
    }

    /**
     * The key in {@code content}: the base64 text of 32 bytes (surrounding white space ignored), or 32 raw bytes.
     *
     * @param where what held it, for the message ({@code the file x}, {@code PLINTH_SECRET_KEY})
     * @throws IllegalArgumentException saying what is wrong, never repeating the content
     */
    static KeyMaterial read(byte[] content, String where) {
        String text = new String(content, StandardCharsets.ISO_8859_1).strip();
        try {
            byte[] decoded = Base64.getDecoder().decode(text);
            if (decoded.length == BYTES) {
                return new KeyMaterial(decoded);
            }
        } catch (IllegalArgumentException e) {
            // not base64: maybe raw bytes
        }
        if (content.length == BYTES) {
            return new KeyMaterial(content);
        }
        throw new IllegalArgumentException(where + " does not hold a secret key: give the base64 text of 32 random "
                + "bytes (for example the output of: openssl rand -base64 32)");
    }

    String id() {
        return id;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    /** The text a key file holds: base64 and a line break. */
    byte[] fileContent() {
        return (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KeyMaterial that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return "key " + id;
    }
}
