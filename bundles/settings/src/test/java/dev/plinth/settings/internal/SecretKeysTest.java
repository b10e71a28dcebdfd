package dev.plinth.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    private static final String SECRET = "s3cr3t-Pa55w0rd-\u00e9";

    @TempDir
    Path home;

    private Path settings() {
        return home.resolve("data/settings");
    }

    private SecretKeys runtimeKeys() {
        return SecretKeys.open(settings(), Map.of(), null);
    }

    private static String keyText() {
        return Base64.getEncoder().encodeToString(KeyMaterial.generate().bytes());
    }

    @Test
    void theRuntimeKeyIsCreatedOwnerOnlyAtFirstSealAndOpensWhatItSealed() throws IOException {
        SecretKeys keys = runtimeKeys();
        keys.check();
        assertFalse(Files.exists(settings()), "nothing is created before a secret is sealed");
        String sealed = keys.cipher().seal(SECRET);
        Path file = settings().resolve(SecretKeys.FILE);
        assertTrue(Files.isRegularFile(file));
        if (posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(settings())));
        }
        assertTrue(sealed.startsWith("{aes-gcm:"), sealed);
        assertTrue(keys.cipher().isSealed(sealed));
        assertFalse(sealed.contains(SECRET));
        assertNotEquals(sealed, keys.cipher().seal(SECRET), "each value has its own IV");
        assertEquals(SECRET, keys.cipher().open(sealed));
        assertEquals(SECRET, runtimeKeys().cipher().open(sealed), "a restart reads the same key");
        assertEquals(Set.of(SecretKeys.FILE), names(settings()));
    }

    @Test
    void anAlteredValueIsRefusedWithoutShowingIt() throws IOException {
        SecretCipher cipher = runtimeKeys().cipher();
        String sealed = cipher.seal(SECRET);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(sealed.indexOf('}') + 1));
        bytes[bytes.length - 3] ^= 1;
        String altered = sealed.substring(0, sealed.indexOf('}') + 1) + Base64.getEncoder().encodeToString(bytes);
        IOException refused = assertThrows(IOException.class, () -> cipher.open(altered));
        assertTrue(refused.getMessage().contains("it was altered"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET));
        IOException truncated = assertThrows(IOException.class, () -> cipher.open(sealed.substring(0, 30)));
        assertTrue(truncated.getMessage().startsWith("the sealed secret"), truncated.getMessage());
    }

    @Test
    void anotherRuntimesKeyOpensNothing() throws IOException {
        String sealed = runtimeKeys().cipher().seal(SECRET);
        SecretCipher other = SecretKeys.open(home.resolve("other"), Map.of(), null).cipher();
        other.seal("x");
        IOException refused = assertThrows(IOException.class, () -> other.open(sealed));
        assertTrue(refused.getMessage().contains("which this runtime does not have"), refused.getMessage());
        assertTrue(refused.getMessage().contains(SealedText.parse(sealed).keyId()), refused.getMessage());
    }

    @Test
    void aKeyFileMadeReadableByOthersWhileInUseIsRefusedAtItsNextUseAndUsableOnceFixed() throws IOException {
        assumeTrue(posix());
        SecretKeys keys = runtimeKeys();
        String sealed = keys.cipher().seal(SECRET);
        Path file = settings().resolve(SecretKeys.FILE);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(assertThrows(IOException.class, () -> keys.cipher().seal("x")).getMessage()
                .contains("chmod 600"));
        assertThrows(IOException.class, () -> keys.cipher().open(sealed));
        assertTrue(keys.problem().orElseThrow().contains("(rw-r--r--)"));

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(java.util.Optional.empty(), keys.problem());
        assertEquals(SECRET, keys.cipher().open(sealed));
    }

    @Test
    void aValueSealedWithAnotherKeyIsNamedWithBothKeyIds() throws IOException {
        String sealed = SecretKeys.open(home.resolve("other"), Map.of(), null).cipher().seal(SECRET);
        SecretKeys keys = SecretKeys.open(settings(), Map.of(SecretKeys.ENV_KEY, keyText()), null);
        String mine = keys.cipher().seal("x");

        String why = keys.otherKey(sealed).orElseThrow();
        assertEquals("sealed with key " + SealedText.parse(sealed).keyId() + ", not with the runtime's key "
                + SealedText.parse(mine).keyId() + " (the environment variable PLINTH_SECRET_KEY)", why);
        assertEquals(java.util.Optional.empty(), keys.otherKey(mine));
    }

    @Test
    void aValueSealedWithAnotherKeyUnderAKnownIdDoesNotOpen() throws IOException {
        SecretKeys keys = runtimeKeys();
        String mine = keys.cipher().seal("x");
        String id = SealedText.parse(mine).keyId();
        SealedText foreign = SealedText.parse(SecretKeys.open(home.resolve("other"), Map.of(), null).cipher()
                .seal(SECRET));
        String relabelled = new SealedText(id, foreign.iv(), foreign.ciphertext()).text();
        IOException refused = assertThrows(IOException.class, () -> keys.cipher().open(relabelled));
        assertTrue(refused.getMessage().contains("it was altered"), refused.getMessage());
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedUntilItIsMadeOwnerOnly() throws IOException {
        assumeTrue(posix());
        SecretKeys keys = runtimeKeys();
        String sealed = keys.cipher().seal(SECRET);
        Path file = settings().resolve(SecretKeys.FILE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        SecretKeys restarted = runtimeKeys();
        IOException refused = assertThrows(IOException.class, () -> restarted.cipher().open(sealed));
        assertEquals("refusing the secret key file " + file + ": other users than its owner may read or change it "
                + "(rw-r--r--); make it owner-only: chmod 600 " + file, refused.getMessage());
        assertThrows(IOException.class, () -> restarted.cipher().seal("y"), "no new key replaces a refused one");
        assertEquals(Set.of(SecretKeys.FILE), names(settings()));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertEquals(SECRET, restarted.cipher().open(sealed), "a fixed file is read without a restart");
    }

    @Test
    void aLinkInPlaceOfTheRuntimeKeyIsRefused() throws IOException {
        Path elsewhere = Files.write(home.resolve("elsewhere.key"), KeyMaterial.generate().fileContent());
        Files.createDirectories(settings());
        Files.createSymbolicLink(settings().resolve(SecretKeys.FILE), elsewhere);
        IOException refused = assertThrows(IOException.class, () -> runtimeKeys().cipher().seal(SECRET));
        assertTrue(refused.getMessage().contains("not a regular file"), refused.getMessage());
    }

    @Test
    void theEnvironmentsKeySealsAndNothingIsWritten() throws IOException {
        String key = keyText();
        SecretKeys keys = SecretKeys.open(settings(), Map.of(SecretKeys.ENV_KEY, key + "\n"), "/ignored");
        String sealed = keys.cipher().seal(SECRET);
        assertEquals(SECRET, SecretKeys.open(home.resolve("elsewhere"), Map.of(SecretKeys.ENV_KEY, key), null)
                .cipher().open(sealed));
        assertFalse(Files.exists(settings()));
        assertEquals("the environment variable PLINTH_SECRET_KEY", keys.source());
        IOException rotation = assertThrows(IOException.class, keys::rotation);
        assertTrue(rotation.getMessage().startsWith("the secret key comes from the environment variable "
                + "PLINTH_SECRET_KEY; the runtime rotates only the key it keeps itself"), rotation.getMessage());
    }

    @Test
    void theKeysProblemSaysWhatToDoAndNeverShowsTheKey() throws IOException {
        assertEquals(java.util.Optional.empty(), runtimeKeys().problem(), "a key yet to be created is no problem");
        SecretKeys keys = runtimeKeys();
        keys.cipher().seal(SECRET);
        assertEquals(java.util.Optional.empty(), keys.problem());
        Path file = settings().resolve(SecretKeys.FILE);
        if (posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            assertEquals("the secret key (the runtime's key file " + file + " (created at first need)) cannot be used: "
                    + "refusing the secret key file " + file + ": other users than its owner may read or change it "
                    + "(rw-r--r--); make it owner-only: chmod 600 " + file, runtimeKeys().problem().orElseThrow());
        }
        String bad = "not-a-key-but-a-password";
        String malformed = SecretKeys.open(settings(), Map.of(SecretKeys.ENV_KEY, bad), null).problem().orElseThrow();
        assertTrue(malformed.startsWith("the secret key (the environment variable PLINTH_SECRET_KEY) cannot be used: "
                + "PLINTH_SECRET_KEY does not hold a secret key: give the base64 text of 32 random bytes"), malformed);
        assertFalse(malformed.contains(bad), malformed);
        String missing = SecretKeys.open(settings(), Map.of(), home.resolve("missing.key").toString()).problem()
                .orElseThrow();
        assertEquals("the secret key (the key file " + home.resolve("missing.key") + ") cannot be used: the secret "
                + "key file " + home.resolve("missing.key") + " does not exist: create it, owner-only, holding the key "
                + "the secrets were stored with, or name the right file in PLINTH_SECRET_KEY_FILE or the property "
                + "plinth.settings.key.file", missing);
    }

    @Test
    void aBadEnvironmentKeyIsRefusedWithoutShowingIt() {
        String bad = "not-a-key-but-a-password";
        IOException refused = assertThrows(IOException.class, () -> SecretKeys.open(settings(),
                Map.of(SecretKeys.ENV_KEY, bad), null).cipher().seal(SECRET));
        assertTrue(refused.getMessage().startsWith("PLINTH_SECRET_KEY does not hold a secret key"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains(bad));
        IOException both = assertThrows(IOException.class, () -> SecretKeys.open(settings(), Map.of(
                SecretKeys.ENV_KEY, keyText(), SecretKeys.ENV_KEY_FILE, "/x"), null).check());
        assertEquals("no secret key: both PLINTH_SECRET_KEY and PLINTH_SECRET_KEY_FILE are set; set only one of them",
                both.getMessage());
    }

    @Test
    void anOperatorsKeyFileIsUsedAsItIsAndTheEnvironmentWinsOverTheProperty() throws IOException {
        Path byEnv = Files.write(home.resolve("env.key"), KeyMaterial.generate().bytes());
        Path byProperty = Files.write(home.resolve("property.key"), KeyMaterial.generate().fileContent());
        for (Path file : new Path[] { byEnv, byProperty }) {
            if (posix()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            }
        }
        SecretKeys env = SecretKeys.open(settings(), Map.of(SecretKeys.ENV_KEY_FILE, byEnv.toString()),
                byProperty.toString());
        SecretKeys property = SecretKeys.open(settings(), Map.of(), byProperty.toString());
        String sealed = env.cipher().seal(SECRET);
        assertEquals("the key file " + byEnv, env.source());
        assertEquals(SECRET, SecretKeys.open(settings(), Map.of(SecretKeys.ENV_KEY_FILE, byEnv.toString()), null)
                .cipher().open(sealed));
        assertThrows(IOException.class, () -> property.cipher().open(sealed));
        assertEquals(SECRET, property.cipher().open(property.cipher().seal(SECRET)));
        assertFalse(Files.exists(settings()), "an operator's key is never copied into the data directory");
        IOException missing = assertThrows(IOException.class, () -> SecretKeys.open(settings(), Map.of(),
                home.resolve("missing.key").toString()).cipher().seal(SECRET));
        assertEquals("the secret key file " + home.resolve("missing.key") + " does not exist", missing.getMessage());
        Path bad = Files.writeString(home.resolve("bad.key"), "short");
        IOException refused = assertThrows(IOException.class, () -> SecretKeys.open(settings(), Map.of(),
                bad.toString()).cipher().seal(SECRET));
        if (posix()) {
            assertTrue(refused.getMessage().contains("chmod 600"), refused.getMessage());
            Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("rw-------"));
            refused = assertThrows(IOException.class, () -> SecretKeys.open(settings(), Map.of(), bad.toString())
                    .cipher().seal(SECRET));
        }
        assertEquals("the secret key file " + bad + " does not hold a secret key: give the base64 text of 32 random "
                + "bytes (for example the output of: openssl rand -base64 32)", refused.getMessage());
    }

    @Test
    void aRotationInterruptedAtAnyStepLeavesEverySecretOpenableAndResumes() throws IOException {
        SecretKeys keys = runtimeKeys();
        String first = keys.cipher().seal("first");
        String second = keys.cipher().seal("second");
        String oldId = SealedText.parse(first).keyId();
        assertFalse(keys.rotationPending());

        SecretKeys.Rotation rotation = keys.rotation();
        assertEquals(Set.of(SecretKeys.FILE, SecretKeys.NEXT_FILE), names(settings()));
        String firstResealed = rotation.reseal(first);
        assertEquals(rotation.keyId(), SealedText.parse(firstResealed).keyId());
        assertEquals(rotation.keyId(), SealedText.parse(keys.cipher().seal("during")).keyId(),
                "values sealed during a rotation use the new key");

        // a crash here: the store holds one re-sealed value and one old one
        SecretKeys restarted = runtimeKeys();
        assertTrue(restarted.rotationPending());
        assertEquals("first", restarted.cipher().open(firstResealed));
        assertEquals("second", restarted.cipher().open(second));
        SecretKeys.Rotation resumed = restarted.rotation();
        assertEquals(rotation.keyId(), resumed.keyId(), "a resumed rotation keeps the new key");
        assertEquals(firstResealed, resumed.reseal(firstResealed));
        String secondResealed = resumed.reseal(second);

        resumed.commit();
        assertFalse(restarted.rotationPending());
        assertEquals(Set.of(SecretKeys.FILE), names(settings()));
        SecretKeys after = runtimeKeys();
        assertEquals("first", after.cipher().open(firstResealed));
        assertEquals("second", after.cipher().open(secondResealed));
        assertEquals(resumed.keyId(), SealedText.parse(after.cipher().seal("new")).keyId());
        IOException old = assertThrows(IOException.class, () -> after.cipher().open(second));
        assertTrue(old.getMessage().contains("sealed with key " + oldId), old.getMessage());
        assertThrows(IOException.class, resumed::commit);
    }

    @Test
    void aWholeRotationThatFailsPartWayCommitsNothingAndTheNextOneFinishesIt() throws IOException {
        SecretKeys keys = runtimeKeys();
        java.util.Map<String, String> store = new java.util.TreeMap<>(Map.of("a", keys.cipher().seal("first"),
                "b", keys.cipher().seal("second")));
        String oldId = SealedText.parse(store.get("a")).keyId();
        IOException failed = assertThrows(IOException.class, () -> keys.rotate(reseal -> {
            store.put("a", reseal.apply(store.get("a")));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failed.getMessage());
        SecretKeys restarted = runtimeKeys();
        assertTrue(restarted.rotationPending());
        assertEquals("first", restarted.cipher().open(store.get("a")));
        assertEquals("second", restarted.cipher().open(store.get("b")));
        int resealed = restarted.rotate(reseal -> {
            store.replaceAll((key, sealed) -> {
                try {
                    return reseal.apply(sealed);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return store.size();
        });
        assertEquals(2, resealed);
        assertFalse(restarted.rotationPending());
        SecretKeys after = runtimeKeys();
        assertEquals("first", after.cipher().open(store.get("a")));
        assertEquals("second", after.cipher().open(store.get("b")));
        assertNotEquals(oldId, SealedText.parse(store.get("b")).keyId());
    }

    @Test
    void aRotationBeforeAnySecretCreatesOnlyTheNewKey() throws IOException {
        SecretKeys keys = runtimeKeys();
        SecretKeys.Rotation rotation = keys.rotation();
        rotation.commit();
        assertEquals(Set.of(SecretKeys.FILE), names(settings()));
        assertEquals(rotation.keyId(), SealedText.parse(keys.cipher().seal("x")).keyId());
    }

    @Test
    void aCorruptPendingKeyStopsEverythingRatherThanLosingSecrets() throws IOException {
        SecretKeys keys = runtimeKeys();
        String sealed = keys.cipher().seal(SECRET);
        Files.writeString(settings().resolve(SecretKeys.NEXT_FILE), "garbage");
        if (posix()) {
            Files.setPosixFilePermissions(settings().resolve(SecretKeys.NEXT_FILE),
                    PosixFilePermissions.fromString("rw-------"));
        }
        IOException refused = assertThrows(IOException.class, () -> runtimeKeys().cipher().open(sealed));
        assertTrue(refused.getMessage().contains(SecretKeys.NEXT_FILE), refused.getMessage());
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static Set<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).collect(java.util.stream.Collectors.toSet());
        }
    }
}
