package dev.plinth.settings.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.plinth.common.AtomicFiles;
import dev.plinth.common.FaultPoints;

/**
 * Where the runtime's secret key comes from, and its rotation. In order: the environment variable
 * {@value #ENV_KEY} (the base64 of 32 bytes), a file named by {@value #ENV_KEY_FILE} or by the framework property
 * {@value #KEY_FILE_PROPERTY} (the environment wins), else {@value #FILE} in the settings directory, created with
 * owner-only permissions the first time a secret is sealed. A key file readable or writable by anyone but its owner
 * is refused, as is a key that is not 32 bytes; the refusal is the failure of every seal and open until it is fixed
 * (nothing falls back to another key).
 *
 * <p>Rotation ({@link #rotation()}), for the key the runtime keeps itself: a new key is written to
 * {@value #NEXT_FILE} beside the current one, new values are sealed with it from then on, the caller re-seals every
 * stored secret with {@link Rotation#reseal}, then {@link Rotation#commit} renames the new key onto the old. Both
 * keys are looked up by id until the commit, so a crash at any step leaves every secret openable, and the next
 * {@link #rotation()} resumes with the same new key.
 *
 * <p>Thread-safe. The core's component makes one with
 * {@code SecretKeys.open(settingsDirectory, System.getenv(), context.getProperty(KEY_FILE_PROPERTY))}, seals and
 * opens through {@link #cipher()}, and rotates with {@link #rotate(Resealing)} (at start too, when
 * {@link #rotationPending()}).
 */
final class SecretKeys implements AesGcmSecrets.KeyRing {

    /** The environment variable that gives the key itself (base64 of 32 bytes). */
    static final String ENV_KEY = "PLINTH_SECRET_KEY";
    /** The environment variable that names a key file. */
    static final String ENV_KEY_FILE = "PLINTH_SECRET_KEY_FILE";
    /** The framework property that names a key file. */
    static final String KEY_FILE_PROPERTY = "plinth.settings.key.file";
    /** The runtime's own key, in the settings directory. */
    static final String FILE = "secret.key";
    /** The new key while a rotation is under way. */
    static final String NEXT_FILE = "secret.key.next";
    /** The fault point between the re-sealed store and the new key's rename onto the old. */
    static final String COMMIT_FAULT_POINT = "rotate.secret.key.uncommitted";

    private static final long MAX_FILE_BYTES = 4096;
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private enum Kind { ENVIRONMENT, OPERATOR_FILE, RUNTIME_FILE }

    private final Kind kind;
    private final Path directory;
    /** The key file: the operator's, or {@value #FILE} in the directory; {@code null} for the environment. */
    private final Path file;
    private final String envKey;
    /** Why no key can be used (a contradiction in the environment), or {@code null}. */
    private final String problem;
    private final SecretCipher cipher;

    private KeyMaterial current;
    private KeyMaterial next;
    private boolean loaded;

    private SecretKeys(Kind kind, Path directory, Path file, String envKey, String problem) {
        this.kind = kind;
        this.directory = directory;
        this.file = file;
        this.envKey = envKey;
        this.problem = problem;
        this.cipher = new AesGcmSecrets(this);
    }

    /**
     * The keys of a runtime. Reads nothing yet: the key is read (or created) at first need, and a problem with it
     * is the failure of that use.
     *
     * @param directory the settings directory ({@code data/settings}), where the runtime keeps its own key
     * @param env the process environment ({@link System#getenv()})
     * @param keyFileProperty the value of the framework property {@value #KEY_FILE_PROPERTY}, or {@code null}
     */
    static SecretKeys open(Path directory, Map<String, String> env, String keyFileProperty) {
        String key = env.get(ENV_KEY);
        String envFile = env.get(ENV_KEY_FILE);
        if (key != null && envFile != null) {
            return new SecretKeys(Kind.ENVIRONMENT, directory, null, null, "both " + ENV_KEY + " and " + ENV_KEY_FILE
                    + " are set; set only one of them");
        }
        if (key != null) {
            return new SecretKeys(Kind.ENVIRONMENT, directory, null, key, null);
        }
        String named = envFile != null ? envFile : keyFileProperty;
        if (named != null) {
            if (named.isBlank()) {
                return new SecretKeys(Kind.OPERATOR_FILE, directory, null, null, (envFile != null ? ENV_KEY_FILE
                        : "the property " + KEY_FILE_PROPERTY) + " is set but empty");
            }
            return new SecretKeys(Kind.OPERATOR_FILE, directory, Path.of(named).toAbsolutePath(), null, null);
        }
        return new SecretKeys(Kind.RUNTIME_FILE, directory, directory.resolve(FILE), null, null);
    }

    /** The cipher that seals with this runtime's key and opens with any of its keys. */
    SecretCipher cipher() {
        return cipher;
    }

    /** Where the key comes from, for logs and messages: never the key. */
    String source() {
        switch (kind) {
            case ENVIRONMENT:
                return "the environment variable " + ENV_KEY;
            case OPERATOR_FILE:
                return file == null ? "a key file" : "the key file " + file;
            default:
                return "the runtime's key file " + file + " (created at first need)";
        }
    }

    /**
     * Why the key cannot be used, with what to do (never the key), read as a seal or open would read it (creating
     * nothing); empty when it can be used or is yet to be created.
     */
    synchronized Optional<String> problem() {
        try {
            load();
            return Optional.empty();
        } catch (IOException e) {
            String cause = e.getMessage();
            if (cause.endsWith(" does not exist")) {
                cause += ": create it, owner-only, holding the key the secrets were stored with, or name the right "
                        + "file in " + ENV_KEY_FILE + " or the property " + KEY_FILE_PROPERTY;
            }
            return Optional.of("the secret key (" + source() + ") cannot be used: " + cause);
        }
    }

    /** Reads the keys as a seal or open would (creating nothing): a start-up check whose failure can be logged. */
    synchronized void check() throws IOException {
        load();
    }

    /** Whether a rotation was begun and not committed (a crash part-way): {@link #rotation()} resumes it. */
    synchronized boolean rotationPending() throws IOException {
        load();
        return next != null;
    }

    /**
     * Begins a rotation, or resumes one a crash interrupted: the new key is on disk beside the old when this
     * returns, and every value sealed from then on is sealed with it.
     *
     * @throws IOException when the key is the operator's (the runtime rotates only the key it keeps), or cannot be
     *         read or written
     */
    synchronized Rotation rotation() throws IOException {
        if (kind != Kind.RUNTIME_FILE) {
            throw new IOException("the secret key comes from " + source() + "; the runtime rotates only the key it "
                    + "keeps itself (" + directory.resolve(FILE) + "): change the operator's key where it is given");
        }
        load();
        if (next == null) {
            KeyMaterial fresh = KeyMaterial.generate();
            write(directory.resolve(NEXT_FILE), fresh);
            next = fresh;
        }
        return new Rotation(next);
    }

    /**
     * A whole rotation, or the rest of one a crash interrupted: begins it, lets {@code store} re-seal every stored
     * secret (and write it) through {@link Rotation#reseal}, then commits. When the store fails part-way nothing is
     * committed: every secret still opens, and the next call resumes with the same new key.
     *
     * @return what {@code store} answers: how many secrets it re-sealed
     */
    int rotate(Resealing store) throws IOException {
        Rotation rotation = rotation();
        int resealed = store.resealAll(rotation::reseal);
        rotation.commit();
        return resealed;
    }

    /** The store's part of a rotation: every stored secret replaced by what {@code reseal} makes of it. */
    @FunctionalInterface
    interface Resealing {

        /** Re-seals and writes every stored secret; answers how many. */
        int resealAll(Reseal reseal) throws IOException;
    }

    /** One secret re-sealed with the new key. */
    @FunctionalInterface
    interface Reseal {
        String apply(String sealed) throws IOException;
    }

    @Override
    public synchronized KeyMaterial sealingKey() throws IOException {
        load();
        if (next != null) {
            return next;
        }
        if (current == null) {
            KeyMaterial fresh = KeyMaterial.generate();
            write(file, fresh);
            current = fresh;
        }
        return current;
    }

    @Override
    public synchronized KeyMaterial key(String id) throws IOException {
        load();
        if (current != null && current.id().equals(id)) {
            return current;
        }
        return next != null && next.id().equals(id) ? next : null;
    }

    /** Reads the keys once they can be read; until then every call tries again (a fixed file needs no restart). */
    private void load() throws IOException {
        if (problem != null) {
            throw new IOException("no secret key: " + problem);
        }
        if (loaded) {
            recheck();
            return;
        }
        switch (kind) {
            case ENVIRONMENT:
                current = parse(envKey.getBytes(StandardCharsets.ISO_8859_1), ENV_KEY);
                break;
            case OPERATOR_FILE:
                current = read(file, true);
                break;
            default:
                current = readIfPresent(file);
                next = readIfPresent(directory.resolve(NEXT_FILE));
                break;
        }
        loaded = true;
    }

    /**
     * The key files' checks again at each use (the key itself stays read): a key file made readable by others, or
     * replaced by a link, is refused from then on, until it is fixed.
     */
    private void recheck() throws IOException {
        if (kind == Kind.OPERATOR_FILE) {
            usable(file, true);
        } else if (kind == Kind.RUNTIME_FILE) {
            if (current != null) {
                usable(file, false);
            }
            if (next != null) {
                usable(directory.resolve(NEXT_FILE), false);
            }
        }
    }

    /**
     * Why {@code sealed} was sealed with a key this runtime does not have ({@code sealed with key K, not with the
     * runtime's key L (where it comes from)}); empty when it has that key, when the text is not well formed (a
     * damaged value, refused on delivery) or when the key cannot be used (a problem of its own).
     */
    synchronized Optional<String> otherKey(String sealed) {
        try {
            load();
            SealedText text = SealedText.parse(sealed);
            if (key(text.keyId()) != null) {
                return Optional.empty();
            }
            return Optional.of("sealed with key " + text.keyId() + ", not with the runtime's key "
                    + (current == null ? "(none yet)" : current.id()) + " (" + source() + ")");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static KeyMaterial readIfPresent(Path path) throws IOException {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS) ? read(path, false) : null;
    }

    /** A key file: a regular file, owner-only, small, holding a key. */
    private static KeyMaterial read(Path path, boolean followLinks) throws IOException {
        usable(path, followLinks);
        if (Files.size(path) > MAX_FILE_BYTES) {
            throw new IOException("refusing the secret key file " + path + ": it is larger than " + MAX_FILE_BYTES
                    + " bytes");
        }
        return parse(Files.readAllBytes(path), "the secret key file " + path);
    }

    /** A key file's checks: it exists, is a regular file and only its owner may read or change it. */
    private static void usable(Path path, boolean followLinks) throws IOException {
        LinkOption[] options = followLinks ? new LinkOption[0] : new LinkOption[] { LinkOption.NOFOLLOW_LINKS };
        if (!Files.exists(path, options)) {
            throw new IOException("the secret key file " + path + " does not exist");
        }
        if (!Files.isRegularFile(path, options)) {
            throw new IOException("refusing the secret key file " + path + ": it is not a regular file"
                    + (followLinks ? "" : " (a link or a directory)"));
        }
        if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, options);
            Set<PosixFilePermission> others = EnumSet.noneOf(PosixFilePermission.class);
            others.addAll(permissions);
            others.removeAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            if (!others.isEmpty()) {
                throw new IOException("refusing the secret key file " + path + ": other users than its owner may "
                        + "read or change it (" + PosixFilePermissions.toString(permissions) + "); make it "
                        + "owner-only: chmod 600 " + path);
            }
        }
    }

    private static KeyMaterial parse(byte[] content, String where) throws IOException {
        try {
            return KeyMaterial.read(content, where);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
    }

    private void write(Path path, KeyMaterial key) throws IOException {
        boolean posix = Files.getFileStore(existing(directory)).supportsFileAttributeView("posix");
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, posix ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
                    : new FileAttribute<?>[0]);
        }
        AtomicFiles.write(path, key.fileContent(), posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) }
                : new FileAttribute<?>[0]);
    }

    /** The nearest existing folder of {@code path}, whose file store tells whether permissions apply. */
    private static Path existing(Path path) {
        Path folder = path.toAbsolutePath();
        while (folder != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        return folder == null ? path.toAbsolutePath().getRoot() : folder;
    }

    /** One rotation: re-seal every stored secret, then {@link #commit()}. */
    final class Rotation {

        private final KeyMaterial fresh;

        private Rotation(KeyMaterial fresh) {
            this.fresh = fresh;
        }

        /** The id of the key values are re-sealed with. */
        String keyId() {
            return fresh.id();
        }

        /**
         * {@code sealed} sealed with the new key: opened with the key it names and sealed again; a value already
         * sealed with the new key is returned as it is (a resumed rotation).
         *
         * @throws IOException when it cannot be opened (then commit nothing: say which secret is lost)
         */
        String reseal(String sealed) throws IOException {
            SealedText text = SealedText.parse(sealed);
            if (text.keyId().equals(fresh.id())) {
                return sealed;
            }
            KeyMaterial old = key(text.keyId());
            if (old == null) {
                throw new IOException("the secret was sealed with key " + text.keyId() + ", which this runtime does "
                        + "not have");
            }
            return AesGcmSecrets.seal(fresh, AesGcmSecrets.open(old, text));
        }

        /**
         * Makes the new key the only one: call once every stored secret is re-sealed (and written). A value still
         * sealed with the old key cannot be opened afterwards.
         */
        void commit() throws IOException {
            synchronized (SecretKeys.this) {
                if (next != fresh) {
                    throw new IOException("this rotation was already committed");
                }
                FaultPoints.reach(COMMIT_FAULT_POINT);
                AtomicFiles.move(directory.resolve(NEXT_FILE), file);
                current = fresh;
                next = null;
            }
        }
    }
}
