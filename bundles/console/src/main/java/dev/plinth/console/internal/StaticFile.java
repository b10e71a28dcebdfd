package dev.plinth.console.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

import dev.plinth.common.Sha256;

/**
 * One file of the console, held in memory as it is served: its bytes, their gzip encoding (made once, kept only when
 * smaller), its media type and its strong entity tag (the content's SHA-256).
 *
 * @param type the media type sent as {@code Content-Type}
 * @param bytes the file's bytes
 * @param gzip the bytes gzip-encoded, or {@code null} when that would not be smaller
 * @param etag the entity tag of the bytes, quoted
 */
record StaticFile(String type, byte[] bytes, byte[] gzip, String etag) {

    /** The file of these bytes, compressed now when its type is text. */
    static StaticFile of(String type, byte[] bytes) {
        String sha = Sha256.of(bytes);
        byte[] gzip = MediaTypes.compressible(type) ? smallerGzip(bytes) : null;
        return new StaticFile(type, bytes, gzip, "\"" + sha + "\"");
    }

    /** The entity tag of the gzip encoding (another representation, so another strong tag). */
    String gzipEtag() {
        return etag.substring(0, etag.length() - 1) + "-gzip\"";
    }

    private static byte[] smallerGzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.size() < bytes.length ? out.toByteArray() : null;
    }
}
