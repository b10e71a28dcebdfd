package dev.plinth.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The connection side of an attached console's terminal: what one thread writes between two flushes goes out in one
 * piece. JLine's line discipline writes byte by byte and flushes after each write; the console's threads (the
 * shell printing an error, a command's job printing its own) write at the same time, and unbuffered their bytes
 * would come out mixed.
 */
final class WholeWrites extends OutputStream {

    private final OutputStream connection;
    private final ThreadLocal<ByteArrayOutputStream> pending = ThreadLocal.withInitial(ByteArrayOutputStream::new);

    WholeWrites(OutputStream connection) {
        this.connection = connection;
    }

    @Override
    public void write(int b) {
        pending.get().write(b);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        pending.get().write(bytes, offset, length);
    }

    @Override
    public void flush() throws IOException {
        ByteArrayOutputStream bytes = pending.get();
        if (bytes.size() == 0) {
            return;
        }
        try {
            synchronized (connection) {
                bytes.writeTo(connection);
                connection.flush();
            }
        } finally {
            bytes.reset();
        }
    }

    @Override
    public void close() throws IOException {
        try {
            flush();
        } finally {
            connection.close();
        }
    }
}
