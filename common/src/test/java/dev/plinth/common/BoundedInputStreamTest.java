package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {

    @Test
    void readingUpToTheLimitWorks() throws IOException {
        try (InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, "x")) {
            assertArrayEquals(new byte[] {1, 2, 3}, in.readAllBytes());
        }
    }

    @Test
    void readingPastTheLimitFailsWithWhatWasRead() {
        IOException failure = assertThrows(IOException.class, () -> {
            try (InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[10]), 4,
                    "the index of test")) {
                in.readAllBytes();
            }
        });
        assertEquals("the index of test is larger than 4 bytes", failure.getMessage());
    }

    @Test
    void singleBytesAreCountedToo() throws IOException {
        try (InputStream in = new BoundedInputStream(new ByteArrayInputStream(new byte[] {7, 8}), 1, "x")) {
            assertEquals(7, in.read());
            assertThrows(IOException.class, in::read);
        }
    }
}
