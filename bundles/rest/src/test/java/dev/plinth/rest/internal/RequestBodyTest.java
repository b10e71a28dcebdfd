package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class RequestBodyTest {

    @Test
    void aBodyThatBreaksOffIsTheRequestsFault() {
        RequestBody body = new RequestBody(failing(new IOException("connection reset")));
        RequestBody.BrokenOff broken = assertThrows(RequestBody.BrokenOff.class,
                () -> body.transferTo(OutputStream.nullOutputStream()));
        assertEquals(Problem.of(400, "BAD_REQUEST", "the request body broke off (connection reset)"),
                broken.answer().problem());
    }

    @Test
    void aMalformedMultipartBodyIsNamedSo() {
        RequestBody body = new RequestBody(failing(new MultipartBody.Malformed("no closing boundary")));
        RequestBody.BrokenOff broken = assertThrows(RequestBody.BrokenOff.class, body::read);
        assertEquals("the multipart request cannot be read: no closing boundary",
                broken.answer().problem().message());
    }

    @Test
    void aWholeBodyIsReadUnchanged() throws IOException {
        byte[] content = "PK archive".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RequestBody(new ByteArrayInputStream(content)).transferTo(out);
        assertArrayEquals(content, out.toByteArray());
    }

    private static InputStream failing(IOException failure) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                throw failure;
            }
        };
    }
}
