package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class SealedTextTest {

    private static final String ID = "0123456789ab";

    @Test
    void readsWhatItWrites() throws IOException {
        SealedText text = new SealedText(ID, new byte[12], new byte[20]);
        assertEquals("{aes-gcm:" + ID + "}" + "A".repeat(43) + "=", text.text());
        assertEquals(text, SealedText.parse(text.text()));
        assertTrue(SealedText.claims(text.text()));
        assertFalse(SealedText.claims("plain"));
        assertFalse(SealedText.claims(null));
    }

    @Test
    void malformedTextsAreRefusedSayingWhy() {
        assertEquals("not a sealed secret (it does not start with {aes-gcm:)", refusal("hunter2"));
        assertEquals("the sealed secret has no end to its key id ('}')", refusal("{aes-gcm:0123"));
        assertEquals("the sealed secret names no valid key id (12 hex digits)", refusal("{aes-gcm:../x}AAAA"));
        assertEquals("the sealed secret names no valid key id (12 hex digits)", refusal("{aes-gcm:0123456789AB}"));
        assertEquals("the sealed secret is not base64 after its key id", refusal("{aes-gcm:" + ID + "}a b"));
        assertEquals("the sealed secret is too short (3 bytes, at least 28)", refusal("{aes-gcm:" + ID + "}AAAA"));
        assertTrue(refusal("{aes-gcm:" + ID + "}" + "A".repeat(70_000)).contains("longer than"));
    }

    private static String refusal(String text) {
        return assertThrows(IOException.class, () -> SealedText.parse(text)).getMessage();
    }

    @Test
    void theFuzzSeedsSealedWithTheZeroKeyOpen() throws IOException {
        KeyMaterial zero = KeyMaterial.read(new byte[KeyMaterial.BYTES], "the test key");
        assertEquals("bfa67ca4e241", zero.id());
        assertEquals("hunter2", AesGcmSecrets.open(zero, SealedText.parse(seed("zero-key-secret.txt"))));
        assertEquals("", AesGcmSecrets.open(zero, SealedText.parse(seed("zero-key-empty.txt"))));
        assertEquals("p\u00e4ss w\u00f6rd \u2603", AesGcmSecrets.open(zero,
                SealedText.parse(seed("zero-key-unicode.txt"))));
        assertThrows(IOException.class, () -> AesGcmSecrets.open(zero, SealedText.parse(seed("tampered.txt"))));
    }

    private static String seed(String name) throws IOException {
        try (java.io.InputStream in = SealedTextTest.class.getResourceAsStream("SealedTextFuzzTestInputs/sealedText/"
                + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
