package dev.plinth.framework.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Drops ANSI escape sequences (colours, cursor movement) on their way out. Gogo's commands colour
 * their output whenever they write to the session's own stream; when that stream is a pipe or a
 * file, the colours are noise for whatever reads it.
 */
final class AnsiStrippingOutputStream extends FilterOutputStream {

    private static final int ESC = 0x1b;

    private enum State { TEXT, ESCAPE, SEQUENCE }

    private State state = State.TEXT;

    AnsiStrippingOutputStream(OutputStream out) {
        super(out);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        switch (state) {
            case TEXT -> {
                if (b == ESC) {
                    state = State.ESCAPE;
                } else {
                    out.write(b);
                }
            }
            case ESCAPE -> state = b == '[' ? State.SEQUENCE : State.TEXT;
            case SEQUENCE -> {
                if (b >= 0x40 && b <= 0x7e) {
                    state = State.TEXT;
                }
            }
        }
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (state == State.TEXT && bytes[i] != ESC) {
                continue;
            }
            out.write(bytes, start, i - start);
            write(bytes[i] & 0xff);
            start = i + 1;
        }
        if (state == State.TEXT && start < end) {
            out.write(bytes, start, end - start);
        }
    }
}
