package dev.plinth.framework.client;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The framed protocol spoken on the runtime's socket ({@code data/plinth.sock}): each frame is one byte of type, a
 * four-byte big-endian payload length, then the payload. See docs/attach.md.
 */
public final class Frames {

    /** Client to runtime, first frame: {@code MODE NUL TERM NUL COLUMNS NUL ROWS NUL FLAGS NUL PROGRAM}. */
    public static final byte HELLO = 'H';
    /** Client to runtime: bytes of standard input. */
    public static final byte STDIN = 'I';
    /** Client to runtime: standard input ended. */
    public static final byte STDIN_END = 'D';
    /** Client to runtime: the terminal's new size, {@code COLUMNS NUL ROWS}. */
    public static final byte WINDOW = 'W';
    /** Client to runtime: the user pressed Ctrl-C (for exec and piped commands). */
    public static final byte INTERRUPT = 'C';
    /** Runtime to client: bytes for standard output. */
    public static final byte STDOUT = 'O';
    /** Runtime to client: bytes for standard error. */
    public static final byte STDERR = 'E';
    /** Runtime to client, last frame: the exit status as decimal ASCII. */
    public static final byte EXIT = 'X';

    /** Modes a HELLO asks for. */
    public static final String EXEC = "exec";
    public static final String LINES = "lines";
    public static final String CONSOLE = "console";

    /** HELLO flag: the client's standard output is a terminal (colours are kept). */
    public static final String FLAG_TERMINAL = "t";

    /** The largest payload accepted; larger lengths end the connection. */
    public static final int MAX_PAYLOAD = 1 << 20;

    private Frames() {
    }

    /** One frame read from the wire. */
    public record Frame(byte type, byte[] payload) {

        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    /** Writes one frame and flushes; callers sharing a stream synchronise on it. */
    public static void write(DataOutputStream out, byte type, byte[] payload, int offset, int length)
            throws IOException {
        synchronized (out) {
            out.writeByte(type);
            out.writeInt(length);
            out.write(payload, offset, length);
            out.flush();
        }
    }

    public static void write(DataOutputStream out, byte type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        write(out, type, bytes, 0, bytes.length);
    }

    /** What the other end sent is not a frame of this protocol: it is not a Plinth runtime (or client). */
    public static final class NotPlinth extends IOException {

        private static final long serialVersionUID = 1L;

        NotPlinth(String message) {
            super(message);
        }
    }

    /** The next frame, or null at the end of the stream. */
    public static Frame read(DataInputStream in) throws IOException {
        int type = in.read();
        if (type < 0) {
            return null;
        }
        int length = in.readInt();
        if (length < 0 || length > MAX_PAYLOAD) {
            throw new NotPlinth("frame of " + length + " bytes refused");
        }
        byte[] payload = new byte[length];
        try {
            in.readFully(payload);
        } catch (EOFException e) {
            throw new IOException("connection ended inside a frame", e);
        }
        return new Frame((byte) type, payload);
    }

    /** An output stream that sends what is written as frames of one type. */
    public static OutputStream output(DataOutputStream out, byte type) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (length > 0) {
                    Frames.write(out, type, bytes, offset, length);
                }
            }
        };
    }

    /** Copies an input stream into frames of one type until it ends, then sends {@code end} (if not 0). */
    public static void pump(InputStream in, DataOutputStream out, byte type, byte end) throws IOException {
        in.transferTo(output(out, type));
        if (end != 0) {
            write(out, end, new byte[0], 0, 0);
        }
    }
}
