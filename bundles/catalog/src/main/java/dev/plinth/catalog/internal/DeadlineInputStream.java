package dev.plinth.catalog.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the whole read of a stream in time, not only its first bytes: when the bound passes, the stream is closed
 * (which ends a read that waits for a peer trickling bytes) and every read fails, naming the bound.
 */
final class DeadlineInputStream extends FilterInputStream {

    private final String what;
    private final Duration bound;
    private final CompletableFuture<Void> expiry;
    private volatile boolean expired;

    /**
     * @param in the stream, closed when the time is up
     * @param remaining how much of the bound is left
     * @param bound the whole bound, as the message names it
     * @param what the thing read, as the message names it
     */
    DeadlineInputStream(InputStream in, Duration remaining, Duration bound, String what) {
        super(in);
        this.what = what;
        this.bound = bound;
        this.expiry = CompletableFuture.runAsync(this::expire,
                CompletableFuture.delayedExecutor(Math.max(0, remaining.toMillis()), TimeUnit.MILLISECONDS));
    }

    @Override
    public int read() throws IOException {
        check();
        try {
            int b = super.read();
            check();
            return b;
        } catch (IOException e) {
            throw expired ? timedOut() : e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        check();
        try {
            int n = super.read(buffer, offset, length);
            check();
            return n;
        } catch (IOException e) {
            throw expired ? timedOut() : e;
        }
    }

    @Override
    public void close() throws IOException {
        expiry.cancel(false);
        super.close();
    }

    private void expire() {
        expired = true;
        try {
            in.close();
        } catch (IOException e) {
            // the reader fails on the expired flag all the same
        }
    }

    private void check() throws IOException {
        if (expired) {
            throw timedOut();
        }
    }

    private IOException timedOut() {
        return new IOException(what + " did not arrive within " + bound.toMillis() + " ms");
    }
}
