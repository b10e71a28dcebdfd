package dev.plinth.catalog.internal;

import dev.plinth.common.testing.BundleJar;
import dev.plinth.common.Sha256;

/** Small bundle archives and their SHA-256 for the tests. */
final class TestJars {

    private TestJars() {
    }

    /** The bytes of a bundle jar with this id and version, and one entry holding {@code payload}. */
    static byte[] bundle(String id, String version, String payload) {
        return BundleJar.bundle(id, version).entry("content/" + id + ".txt", payload).toBytes();
    }

    /** The SHA-256 of the bytes, lower-case hex. */
    static String sha256(byte[] bytes) {
        return Sha256.of(bytes);
    }
}
