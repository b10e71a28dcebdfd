package dev.plinth.common;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses to read more than a limit: a manifest that inflates without end, or an answer larger than promised,
 * fails with {@link TooLarge} instead of filling memory or disk. Reading exactly the limit is allowed.
 */
public final class BoundedInputStream extends FilterInputStream {

    /** Thrown when the stream holds more than the limit. */
    public static final class TooLarge extends IOException {

        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private final long limit;
    private final String what;
    private long remaining;

    /** @param what what is read, for the message ("the index of ..."), as the subject of a sentence */
    public BoundedInputStream(InputStream in, long limit, String what) {
        super(in);
        this.limit = limit;
        this.what = what;
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        if (remaining <= 0) {
            return atLimit();
        }
        int b = super.read();
        if (b >= 0) {
            remaining--;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            return atLimit();
        }
        int read = super.read(buffer, offset, (int) Math.min(length, remaining));
        if (read > 0) {
            remaining -= read;
        }
        return read;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(Math.min(n, Math.max(0, remaining)));
        remaining -= Math.max(0, skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private int atLimit() throws IOException {
        if (super.read() < 0) {
            return -1;
        }
        throw new TooLarge(what + " is larger than " + limit + " bytes");
    }
}
