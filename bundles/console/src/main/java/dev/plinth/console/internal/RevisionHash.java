package dev.plinth.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.SortedMap;

import dev.plinth.common.Sha256;

/**
 * The hash in a plugin's console URLs: the first 12 hex digits of the SHA-256 over its {@code console/} files in the
 * order of their names, each as its name (UTF-8), a NUL, its length in decimal, a NUL and its bytes. Another name or
 * other bytes give another hash, so a new build is a new URL even at the same version.
 */
final class RevisionHash {

    private RevisionHash() {
    }

    /** @param files the bytes of each file by its name below {@code console/} */
    static String of(SortedMap<String, byte[]> files) {
        MessageDigest digest = Sha256.digest();
        files.forEach((name, bytes) -> {
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) 0);
            digest.update(bytes);
        });
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }
}
