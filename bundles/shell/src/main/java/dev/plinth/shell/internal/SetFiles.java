package dev.plinth.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandSession;

import dev.plinth.common.BoundedInputStream;

/** Files named on the command line ({@code plugin:apply}, {@code fleet:publish}): found and read as the shell does. */
final class SetFiles {

    /** The largest plugin set file read: 1 MiB, as {@code POST /api/plugins/apply} and the fleet take. */
    static final int MAX_BYTES = 1 << 20;

    private SetFiles() {
    }

    /** A file named on the command line, resolved against the shell's current directory. */
    static Path resolve(CommandSession session, String name) {
        return SourceArgument.directory(session == null ? null : session.currentDir()).resolve(name).toAbsolutePath()
                .normalize();
    }

    /**
     * The file's text (UTF-8), at most {@value #MAX_BYTES} bytes as the REST API takes a plugin set; a file that
     * cannot be read, or is larger, fails the command, naming it and why, before more than the limit is read.
     */
    static String read(Path source) {
        try (InputStream in = new BoundedInputStream(Files.newInputStream(source), MAX_BYTES, source.toString())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (BoundedInputStream.TooLarge e) {
            throw new CommandFailedException(source + " is larger than " + MAX_BYTES + " bytes (1 MiB), the most a "
                    + "plugin set file may be");
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("no such file: " + source);
        } catch (AccessDeniedException e) {
            throw new CommandFailedException("cannot read " + source + ": permission denied");
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + source + ": " + e.getMessage());
        }
    }
}
