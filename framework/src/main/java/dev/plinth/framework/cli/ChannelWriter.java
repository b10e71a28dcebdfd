package dev.plinth.framework.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Writes to a connection on a thread of its own. A channel is closed when a thread writing to it is interrupted,
 * and Ctrl-C interrupts the threads that run commands and print: they only queue here, so an interrupt never ends
 * the connection.
 */
final class ChannelWriter extends OutputStream {

    private static final byte[] END = new byte[0];
    private static final long DRAIN_MILLIS = 5_000;

    private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean failed;

    ChannelWriter(OutputStream channel) {
        writer = new Thread(() -> writeAll(channel), "plinth socket output");
        writer.setDaemon(true);
        writer.start();
    }

    private void writeAll(OutputStream channel) {
        try {
            byte[] chunk;
            while ((chunk = queue.take()) != END) {
                channel.write(chunk);
                if (queue.isEmpty()) {
                    channel.flush();
                }
            }
            channel.flush();
        } catch (IOException | InterruptedException e) {
            failed = true;
            queue.clear();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (failed) {
            throw new IOException("the client went away");
        }
        queue.add(Arrays.copyOfRange(bytes, offset, offset + length));
    }

    /** Sends what is queued, waiting a bounded time, and stops the writer. */
    @Override
    public void close() {
        queue.add(END);
        try {
            writer.join(TimeUnit.MILLISECONDS.toMillis(DRAIN_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
