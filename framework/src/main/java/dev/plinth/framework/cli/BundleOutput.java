package dev.plinth.framework.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.PlinthException;

/**
 * {@code System.out} and {@code System.err} as bundles see them: what libraries print themselves,
 * outside the logging APIs. They go to the real streams until {@link #redirectTo(Path)}, then to a
 * file, so that they do not mix with command output or appear after the console has closed. The
 * launcher keeps the real streams for its own lines and for command sessions.
 */
final class BundleOutput {

    private final Redirectable out;
    private final Redirectable err;

    private BundleOutput(Redirectable out, Redirectable err) {
        this.out = out;
        this.err = err;
    }

    /** Puts redirectable streams in place of {@code System.out} and {@code System.err}. */
    static BundleOutput install(PrintStream realOut, PrintStream realErr) {
        BundleOutput output = new BundleOutput(new Redirectable(realOut), new Redirectable(realErr));
        System.setOut(new PrintStream(output.out, true, Charset.defaultCharset()));
        System.setErr(new PrintStream(output.err, true, Charset.defaultCharset()));
        return output;
    }

    /** From now on, appends what bundles print to {@code file}. */
    void redirectTo(Path file) {
        try {
            Files.createDirectories(file.getParent());
            OutputStream target = new FileOutputStream(file.toFile(), true);
            out.target = target;
            err.target = target;
        } catch (IOException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static final class Redirectable extends OutputStream {

        private volatile OutputStream target;

        Redirectable(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            target.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            target.flush();
        }
    }
}
