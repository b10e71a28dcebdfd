package dev.plinth.rest.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body being read: a read that fails is the request's fault (the client went away mid-upload, or sent a
 * broken multipart body), told apart from a failure to store what was read.
 */
final class RequestBody extends FilterInputStream {

    RequestBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new BrokenOff(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new BrokenOff(e);
        }
    }

    /** A read of the body failed; answered 400. */
    static final class BrokenOff extends IOException {

        private static final long serialVersionUID = 1L;

        BrokenOff(IOException cause) {
            super(cause);
        }

        /** The answer to the request. */
        ApiException answer() {
            return getCause() instanceof MultipartBody.Malformed malformed
                    ? ApiException.badRequest("the multipart request cannot be read: " + malformed.getMessage())
                    : ApiException.badRequest("the request body broke off (" + getCause().getMessage() + ")");
        }
    }
}
