package dev.plinth.framework.client;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * An upload's body that shows, on a terminal, how much of the jar has been sent: one line on standard error,
 * rewritten as the percentage grows, ended when all is sent.
 */
final class UploadProgress {

    private final String name;
    private final long size;
    private final PrintStream err;
    private int shown = -1;

    private UploadProgress(String name, long size, PrintStream err) {
        this.name = name;
        this.size = size;
        this.err = err;
    }

    /** The jar as a request body, with its length; with {@code show}, its progress goes to {@code err}. */
    static BodyPublisher of(Path jar, boolean show, PrintStream err) throws IOException {
        if (!show) {
            return BodyPublishers.ofFile(jar);
        }
        long size = Files.size(jar);
        UploadProgress progress = new UploadProgress(jar.getFileName().toString(), size, err);
        return BodyPublishers.fromPublisher(
                BodyPublishers.ofInputStream(() -> progress.counting(newInputStream(jar))), size);
    }

    /** The line shown after {@code sent} of {@code size} bytes. */
    static String line(String name, long sent, long size) {
        int percent = size == 0 ? 100 : (int) (sent * 100 / size);
        return String.format(Locale.ROOT, "Uploading %s: %3d%% of %s", name, percent, megabytes(size));
    }

    private static String megabytes(long bytes) {
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    InputStream counting(InputStream in) {
        return new FilterInputStream(in) {
            private long sent;

            @Override
            public int read() throws IOException {
                int read = super.read();
                if (read >= 0) {
                    sent(++sent);
                }
                return read;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int read = super.read(buffer, offset, length);
                if (read > 0) {
                    sent += read;
                    sent(sent);
                }
                return read;
            }
        };
    }

    private synchronized void sent(long sent) {
        int percent = size == 0 ? 100 : (int) (sent * 100 / size);
        if (percent != shown) {
            shown = percent;
            err.print("\r" + line(name, sent, size));
            if (sent >= size) {
                err.println();
            }
            err.flush();
        }
    }

    private static InputStream newInputStream(Path jar) {
        try {
            return Files.newInputStream(jar);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
