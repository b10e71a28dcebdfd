package dev.plinth.rest.internal;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * {@code HEAD} answered as {@code GET} without the body: the request seen as a {@code GET}, the response with the
 * status and headers the {@code GET} would have, its body counted into {@code Content-Length} and dropped.
 */
final class HeadAsGet {

    private HeadAsGet() {
    }

    /** How a servlet answers a request. */
    @FunctionalInterface
    interface Answer {
        void answer(HttpServletRequest request, HttpServletResponse response) throws java.io.IOException;
    }

    /** Answers {@code request} with {@code answer}; a {@code HEAD} as its {@code GET}, without the body. */
    static void serve(HttpServletRequest request, HttpServletResponse response, Answer answer)
            throws java.io.IOException {
        if (request.getMethod().equals("HEAD")) {
            Headers headers = response(response);
            answer.answer(request(request), headers);
            headers.finish();
        } else {
            answer.answer(request, response);
        }
    }

    static HttpServletRequest request(HttpServletRequest head) {
        return new HttpServletRequestWrapper(head) {
            @Override
            public String getMethod() {
                return "GET";
            }
        };
    }

    /** A response that drops its body; {@link Headers#finish()} sets the length of what was dropped. */
    static Headers response(HttpServletResponse head) {
        return new Headers(head);
    }

    /** The response of a HEAD: headers only. */
    static final class Headers extends HttpServletResponseWrapper {

        private final Counter counter = new Counter();
        private PrintWriter writer;

        Headers(HttpServletResponse response) {
            super(response);
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return counter;
        }

        @Override
        public PrintWriter getWriter() {
            if (writer == null) {
                writer = new PrintWriter(new OutputStreamWriter(counter, StandardCharsets.UTF_8));
            }
            return writer;
        }

        @Override
        public void resetBuffer() {
            counter.length = 0;
        }

        @Override
        public void reset() {
            super.reset();
            counter.length = 0;
        }

        @Override
        public void setContentLength(int length) {
            // set from what the body would have been, in finish()
        }

        @Override
        public void setContentLengthLong(long length) {
            // set from what the body would have been, in finish()
        }

        /** Sets {@code Content-Length} to the length of the dropped body. */
        void finish() {
            if (writer != null) {
                writer.flush();
            }
            if (!isCommitted()) {
                super.setContentLengthLong(counter.length);
            }
        }
    }

    private static final class Counter extends ServletOutputStream {

        private long length;

        @Override
        public void write(int b) {
            length++;
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            length += count;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw new UnsupportedOperationException("a HEAD answer is written blocking");
        }

        @Override
        public void close() {
            // nothing to close
        }

        @Override
        public void flush() {
            // nothing to flush
        }
    }
}
