package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

class MultipartBodyTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    @Test
    void readsFieldsAndAFileWhateverTheChunkSize() throws IOException {
        byte[] file = new byte[200_000];
        new Random(7).nextBytes(file);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a b.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\n"));
        body.writeBytes(file);
        body.writeBytes(ascii("\r\n--XyZ--\r\n"));
        for (int chunk : new int[] {1, 7, 100, 65536}) {
            MultipartBody multipart = MultipartBody.of(trickle(body.toByteArray(), chunk), TYPE);
            MultipartBody.Part field = multipart.next();
            assertNull(field.fileName());
            assertEquals("hello", new String(field.content().readAllBytes(), StandardCharsets.UTF_8));
            MultipartBody.Part jar = multipart.next();
            assertEquals("a b.jar", jar.fileName());
            assertArrayEquals(file, jar.content().readAllBytes());
            assertNull(multipart.next());
        }
    }

    @Test
    void aBodyWithoutItsClosingBoundaryIsMalformed() throws IOException {
        MultipartBody multipart = MultipartBody.of(new ByteArrayInputStream(ascii(
                "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jar\"\r\n\r\nPK\u0003\u0004")),
                TYPE);
        MultipartBody.Part part = multipart.next();
        assertThrows(MultipartBody.Malformed.class, () -> part.content().readAllBytes());
        assertThrows(MultipartBody.Malformed.class,
                () -> MultipartBody.of(new ByteArrayInputStream(ascii("--XyZ\r\nContent-Disp")), TYPE).next());
        assertThrows(MultipartBody.Malformed.class,
                () -> MultipartBody.of(new ByteArrayInputStream(ascii("no boundary at all")), TYPE).next());
        assertThrows(MultipartBody.Malformed.class, () -> MultipartBody.of(InputStream.nullInputStream(),
                "multipart/form-data"));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InputStream trickle(byte[] bytes, int chunk) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] into, int offset, int length) {
                return super.read(into, offset, Math.min(length, chunk));
            }
        };
    }
}
