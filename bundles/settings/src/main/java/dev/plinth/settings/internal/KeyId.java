package dev.plinth.settings.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id a sealed secret names its key by: the first {@value #LENGTH} hex digits of a SHA-256 of the key, so that the
 * same key (generated here or given by the operator) always has the same id and a changed key is told apart.
 */
final class KeyId {

    static final int LENGTH = 12;

    private static final byte[] LABEL = "plinth secret key id\0".getBytes(StandardCharsets.US_ASCII);

    private KeyId() {
    }

    static String of(byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(LABEL);
            return HexFormat.of().formatHex(digest.digest(key)).substring(0, LENGTH);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static boolean valid(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }
}
