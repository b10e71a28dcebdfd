package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.common.testing.FuzzChecks;

/**
 * Fuzzes the reading of a stored secret (the sealed text of a settings file): it is either read into a key id, an IV
 * and a ciphertext that write back to a text read the same, or refused with an {@link IOException} saying what is
 * wrong; opening it with a fixed key (all zero bytes) either gives a value or an {@link IOException}, never another
 * failure; text that does not start as sealed text is never taken for it. Seeds: {@code SealedTextFuzzTestInputs/
 * sealedText} (some sealed with the all-zero key).
 */
class SealedTextFuzzTest {

    private static final KeyMaterial ZERO = KeyMaterial.read(new byte[KeyMaterial.BYTES], "the test key");
    private static final SecretCipher CIPHER = new AesGcmSecrets(new AesGcmSecrets.KeyRing() {
        @Override
        public KeyMaterial sealingKey() {
            return ZERO;
        }

        @Override
        public KeyMaterial key(String id) {
            return ZERO.id().equals(id) ? ZERO : null;
        }
    });

    @FuzzTest(maxDuration = "3m")
    void sealedText(byte[] bytes) throws Exception {
        String text = new String(bytes, StandardCharsets.UTF_8);
        SealedText read = null;
        try {
            read = FuzzChecks.timed("reading " + bytes.length + " bytes", () -> SealedText.parse(text));
        } catch (IOException e) {
            assertNotNull(e.getMessage());
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading a sealed text", e);
        }
        assertEquals(SealedText.claims(text), CIPHER.isSealed(text));
        if (read != null) {
            assertTrue(CIPHER.isSealed(text));
            assertTrue(KeyId.valid(read.keyId()));
            assertEquals(read, SealedText.parse(read.text()));
        }
        try {
            String plain = FuzzChecks.timed("opening " + bytes.length + " bytes", () -> CIPHER.open(text));
            assertTrue(read != null, "a text that does not read opened");
            assertEquals(plain, CIPHER.open(CIPHER.seal(plain)));
        } catch (IOException e) {
            assertNotNull(e.getMessage());
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("opening a sealed text", e);
        }
    }
}
