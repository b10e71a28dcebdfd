package dev.plinth.settings.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@link SecretCipher} of the runtime: AES-256 in GCM mode, a random 12-byte IV per value, the sealed text's
 * prefix and key id bound to the ciphertext as associated data, keys looked up by id in a {@link KeyRing} (so that
 * values sealed before a rotation still open until the rotation is done). Messages never show a value.
 */
final class AesGcmSecrets implements SecretCipher {

    /** The keys a cipher seals and opens with. */
    interface KeyRing {

        /** The key new values are sealed with (created at first need where the runtime keeps its own key). */
        KeyMaterial sealingKey() throws IOException;

        /** The key of that id, or {@code null} when this runtime has none. */
        KeyMaterial key(String id) throws IOException;
    }

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int TAG_BITS = SealedText.TAG_BYTES * 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyRing keys;

    AesGcmSecrets(KeyRing keys) {
        this.keys = keys;
    }

    @Override
    public String seal(String plain) throws IOException {
        return seal(keys.sealingKey(), plain);
    }

    @Override
    public String open(String sealed) throws IOException {
        SealedText text = SealedText.parse(sealed);
        KeyMaterial key = keys.key(text.keyId());
        if (key == null) {
            throw new IOException("the secret was sealed with key " + text.keyId() + ", which this runtime does not "
                    + "have (its secret key was changed or lost)");
        }
        return open(key, text);
    }

    @Override
    public boolean isSealed(String text) {
        return SealedText.claims(text);
    }

    static String seal(KeyMaterial key, String plain) throws IOException {
        byte[] iv = new byte[SealedText.IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
            byte[] ciphertext = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return new SealedText(key.id(), iv, ciphertext).text();
        } catch (GeneralSecurityException e) {
            throw new IOException("the secret cannot be sealed: " + e.getClass().getSimpleName());
        }
    }

    static String open(KeyMaterial key, SealedText text) throws IOException {
        if (!key.id().equals(text.keyId())) {
            throw new IOException("the secret was sealed with key " + text.keyId() + ", not with key " + key.id());
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, text.iv());
            return new String(cipher.doFinal(text.ciphertext()), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IOException("the secret cannot be opened with key " + key.id() + ": it was altered");
        } catch (GeneralSecurityException e) {
            throw new IOException("the secret cannot be opened: " + e.getClass().getSimpleName());
        }
    }

    private static Cipher cipher(int mode, KeyMaterial key, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(mode, new SecretKeySpec(key.bytes(), "AES"), new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD((SealedText.PREFIX + key.id() + "}").getBytes(StandardCharsets.US_ASCII));
        return cipher;
    }
}
