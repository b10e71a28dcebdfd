package dev.plinth.rest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body part by part as it arrives, without spooling anything: each part's
 * content is a stream that ends at the next boundary. A body that ends before its closing boundary, or whose
 * structure is broken, fails with {@link Malformed}.
 */
final class MultipartBody {

    /** The most a part's headers may take. */
    static final int MAX_HEADERS = 16 * 1024;

    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary=(\"([^\"]{1,70})\"|([^;\\s]{1,70}))");
    private static final Pattern FILE_NAME = Pattern.compile("(?i);\\s*filename=(\"([^\"]*)\"|([^;]*))");

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;
    private boolean finished;
    private Part current;

    private MultipartBody(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        // the first boundary has no line break before it: pretend there was one
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
    }

    /** The body of a request whose {@code Content-Type} is {@code contentType}; malformed without a boundary. */
    static MultipartBody of(InputStream in, String contentType) throws Malformed {
        Matcher boundary = BOUNDARY.matcher(contentType == null ? "" : contentType);
        if (!boundary.find()) {
            throw new Malformed("the multipart request names no boundary in its Content-Type");
        }
        return new MultipartBody(in, boundary.group(2) != null ? boundary.group(2) : boundary.group(3));
    }

    /** The next part, or {@code null} after the closing boundary. What is left of the current part is skipped. */
    Part next() throws IOException {
        if (current == null) {
            skipPreamble();
        } else {
            current.content.transferTo(OutputStream.nullOutputStream());
        }
        current = null;
        if (finished) {
            return null;
        }
        String after = new String(take(2), StandardCharsets.ISO_8859_1);
        if (after.equals("--")) {
            finished = true;
            return null;
        }
        if (!after.equals("\r\n")) {
            throw new Malformed("the multipart body has a boundary followed by neither a line break nor --");
        }
        current = new Part(headers(), new Content());
        return current;
    }

    private String headers() throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int last = 0; // the last four bytes read
        while (true) {
            byte b = take(1)[0];
            headers.write(b);
            last = last << 8 | (b & 0xff);
            int n = headers.size();
            if (n == 2 && (last & 0xffff) == 0x0d0a) {
                return ""; // no headers at all
            }
            if (n >= 4 && last == 0x0d0a0d0a) {
                return new String(headers.toByteArray(), 0, n - 4, StandardCharsets.UTF_8);
            }
            if (n > MAX_HEADERS) {
                throw new Malformed("a part's headers are longer than " + MAX_HEADERS + " bytes");
            }
        }
    }

    /** Reads up to {@code length} bytes of the current part into {@code into}; -1 at its end (the delimiter, consumed). */
    private int read(byte[] into, int offset, int length) throws IOException {
        while (true) {
            int found = indexOf(delimiter, start, end);
            if (found == start) {
                start += delimiter.length;
                return -1;
            }
            int safe = found >= 0 ? found : end - (delimiter.length - 1);
            if (safe > start) {
                int n = Math.min(length, safe - start);
                System.arraycopy(buffer, start, into, offset, n);
                start += n;
                return n;
            }
            if (!fill()) {
                throw new Malformed("the multipart body ends before its closing boundary (truncated?)");
            }
        }
    }

    private void skipPreamble() throws IOException {
        byte[] scratch = new byte[8192];
        while (read(scratch, 0, scratch.length) >= 0) {
            // discard
        }
    }

    private byte[] take(int count) throws IOException {
        while (end - start < count) {
            if (!fill()) {
                throw new Malformed("the multipart body ends before its closing boundary (truncated?)");
            }
        }
        byte[] taken = new byte[count];
        System.arraycopy(buffer, start, taken, 0, count);
        start += count;
        return taken;
    }

    /** Reads more of the body into the buffer; false at its end. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        if (end == buffer.length) {
            throw new IllegalStateException("the buffer is full; the delimiter is shorter than it");
        }
        int read;
        try {
            read = in.read(buffer, end, buffer.length - end);
        } catch (IOException e) {
            throw new Malformed("the request body broke off (" + e.getMessage() + ")");
        }
        if (read < 0) {
            return false;
        }
        end += read;
        return true;
    }

    private int indexOf(byte[] pattern, int from, int to) {
        outer:
        for (int i = from; i <= to - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** A part: its headers (as sent, lines separated by CRLF) and its content, which ends at the next boundary. */
    record Part(String headers, InputStream content) {

        /** The {@code filename} of its {@code Content-Disposition}, or {@code null} for a form field. */
        String fileName() {
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    Matcher name = FILE_NAME.matcher(line);
                    if (name.find()) {
                        return name.group(2) != null ? name.group(2) : name.group(3).strip();
                    }
                }
            }
            return null;
        }
    }

    private final class Content extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            int n = MultipartBody.this.read(into, offset, length);
            ended = n < 0;
            return n;
        }
    }

    /** The body is not a well-formed multipart body; the request's fault. */
    static final class Malformed extends IOException {

        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }
}
