package dev.plinth.framework.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class AnsiStrippingOutputStreamTest {

    private static String strip(String... writes) throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (AnsiStrippingOutputStream out = new AnsiStrippingOutputStream(sink)) {
            for (String write : writes) {
                out.write(write.getBytes(StandardCharsets.UTF_8));
            }
        }
        return sink.toString(StandardCharsets.UTF_8);
    }

    @Test
    void coloursAreDroppedAndTextKept() throws IOException {
        assertEquals("org.jline (3.26.3)\n", strip("org.\u001b[31;1mjline\u001b[0m (3.26.3)\n"));
    }

    @Test
    void aSequenceSplitAcrossWritesIsStillDropped() throws IOException {
        assertEquals("ab", strip("a\u001b", "[3", "1m", "b"));
    }

    @Test
    void plainTextAndUnicodePassUnchanged() throws IOException {
        assertEquals("ID|State ‘x’ ✓\n", strip("ID|State ‘x’ ✓\n"));
    }

    @Test
    void singleByteWritesAreFilteredToo() throws IOException {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (AnsiStrippingOutputStream out = new AnsiStrippingOutputStream(sink)) {
            for (byte b : "x\u001b[2Ky".getBytes(StandardCharsets.UTF_8)) {
                out.write(b);
            }
        }
        assertEquals("xy", sink.toString(StandardCharsets.UTF_8));
    }
}
