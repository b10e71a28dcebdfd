package dev.plinth.common;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests, as the lower-case hex Plinth shows and stores. */
public final class Sha256 {

    private Sha256() {
    }

    /** A new SHA-256 digest (every Java runtime has one). */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /** The digest's value as lower-case hex. */
    public static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The file's SHA-256. */
    public static String of(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return of(in);
        }
    }

    /** The SHA-256 of what is left in the stream, read to its end (the stream is not closed). */
    public static String of(InputStream in) throws IOException {
        MessageDigest digest = digest();
        in.transferTo(new DigestOutputStream(OutputStream.nullOutputStream(), digest));
        return hex(digest);
    }

    /** The SHA-256 of the bytes. */
    public static String of(byte[] content) {
        MessageDigest digest = digest();
        digest.update(content);
        return hex(digest);
    }
}
