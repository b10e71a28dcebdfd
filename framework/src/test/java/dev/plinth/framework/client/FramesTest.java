package dev.plinth.framework.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class FramesTest {

    @Test
    void framesRoundTripAndTheEndOfTheStreamIsNull() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        Hello hello = new Hello(Frames.EXEC, "xterm", 120, 40, Frames.FLAG_TERMINAL, "/tmp/x", "echo a\0b; lb");
        Frames.write(out, Frames.HELLO, hello.encode());
        Frames.output(out, Frames.STDOUT).write(new byte[] {1, 2, 3});

        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
        Frames.Frame first = Frames.read(in);
        assertEquals(Frames.HELLO, first.type());
        assertEquals(hello, Hello.parse(first.text()));
        assertArrayEquals(new byte[] {1, 2, 3}, Frames.read(in).payload());
        assertNull(Frames.read(in));
    }

    @Test
    void anOversizedOrCutFrameEndsTheConnection() {
        byte[] oversized = {Frames.STDIN, 0x7f, 0, 0, 0};
        assertThrows(IOException.class, () -> Frames.read(new DataInputStream(new ByteArrayInputStream(oversized))));
        byte[] cut = {Frames.STDIN, 0, 0, 0, 5, 1, 2};
        assertThrows(IOException.class, () -> Frames.read(new DataInputStream(new ByteArrayInputStream(cut))));
    }

    @Test
    void aMalformedHelloGetsDefaults() {
        Hello hello = Hello.parse("console\0\0-3\0abc");
        assertEquals(Frames.CONSOLE, hello.mode());
        assertEquals(80, hello.columns());
        assertEquals(24, hello.rows());
        assertEquals("", hello.program());
    }
}
