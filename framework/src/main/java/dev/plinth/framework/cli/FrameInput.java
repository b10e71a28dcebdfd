package dev.plinth.framework.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

import dev.plinth.framework.client.Frames;

/**
 * Reads a client's frames on a thread of its own: standard input becomes an {@link InputStream}, window sizes and
 * interrupts go to their handlers; the end of the connection ends the input and counts as an interrupt.
 */
final class FrameInput extends InputStream {

    private static final byte[] END = new byte[0];

    private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private byte[] current = new byte[0];
    private int position;
    private boolean ended;
    private volatile BiConsumer<Integer, Integer> onWindow = (columns, rows) -> { };
    private volatile Runnable onInterrupt = () -> { };
    private volatile Runnable onDisconnect = () -> { };

    /** Starts reading {@code in}. */
    static FrameInput start(DataInputStream in) {
        FrameInput input = new FrameInput();
        Thread reader = new Thread(() -> input.readAll(in), "plinth socket input");
        reader.setDaemon(true);
        reader.start();
        return input;
    }

    void onWindow(BiConsumer<Integer, Integer> handler) {
        onWindow = handler;
    }

    void onInterrupt(Runnable handler) {
        onInterrupt = handler;
    }

    void onDisconnect(Runnable handler) {
        onDisconnect = handler;
    }

    private void readAll(DataInputStream in) {
        try {
            Frames.Frame frame;
            while ((frame = Frames.read(in)) != null) {
                switch (frame.type()) {
                    case Frames.STDIN -> chunks.add(frame.payload());
                    case Frames.STDIN_END -> chunks.add(END);
                    case Frames.INTERRUPT -> onInterrupt.run();
                    case Frames.WINDOW -> {
                        String[] size = frame.text().split("\0");
                        if (size.length == 2) {
                            try {
                                onWindow.accept(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
                            } catch (NumberFormatException e) {
                                // a malformed size changes nothing
                            }
                        }
                    }
                    default -> {
                        // unknown frames are ignored, for clients newer than this runtime
                    }
                }
            }
        } catch (IOException e) {
            // the client went away
        }
        chunks.add(END);
        onDisconnect.run();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (!ended && position >= current.length) {
            try {
                current = chunks.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading the client's input");
            }
            position = 0;
            if (current == END) {
                ended = true;
            }
        }
        if (ended) {
            return -1;
        }
        int count = Math.min(length, current.length - position);
        System.arraycopy(current, position, buffer, offset, count);
        position += count;
        return count;
    }

    @Override
    public int available() {
        int left = current.length - position;
        byte[] next = chunks.peek();
        return left > 0 ? left : next == null || next == END ? 0 : next.length;
    }
}
