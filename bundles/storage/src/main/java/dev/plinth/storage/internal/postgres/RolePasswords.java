package dev.plinth.storage.internal.postgres;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The passwords of plugins' roles: derived, never stored. A plugin role's password is HMAC-SHA256 keyed by the password
 * of Plinth's own role, over a label, the database and the role's name, in hexadecimal: every runtime that shares the
 * database (and so Plinth's role and its password) computes the same one, so that one runtime setting it does not
 * lock the others' pools out. HMAC is one-way: a plugin that learns its own password learns nothing of Plinth's, nor
 * of another plugin's. Without a password of Plinth's role (a server that trusts it) there is no secret to derive
 * from: each password is then random, set anew by each runtime, and one database serves one runtime.
 */
final class RolePasswords {

    private static final String LABEL = "plinth storage: password of a plugin's role, v1";

    private final byte[] key;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param adminPassword the password of Plinth's role; empty for random passwords
     */
    RolePasswords(String adminPassword) {
        this.key = adminPassword.getBytes(StandardCharsets.UTF_8);
    }

    /** Whether every runtime given the same password of Plinth's role gets the same passwords. */
    boolean derived() {
        return key.length > 0;
    }

    /** The password of role {@code role} in database {@code database}. */
    String of(String database, String role) {
        if (!derived()) {
            byte[] bytes = new byte[24];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((LABEL + '\0' + database + '\0' + role).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
