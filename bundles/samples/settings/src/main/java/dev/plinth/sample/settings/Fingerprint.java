package dev.plinth.sample.settings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What the sample shows of a secret it was given: never the value, only its length and a SHA-256 prefix. */
public final class Fingerprint {

    /** How many hex digits of the SHA-256 are shown. */
    public static final int DIGITS = 12;

    private Fingerprint() {
    }

    /** {@code unset}, or {@code N characters, sha-256 PREFIX}. */
    public static String of(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "unset";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return secret.length() + " characters, sha-256 " + HexFormat.of().formatHex(digest).substring(0, DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
