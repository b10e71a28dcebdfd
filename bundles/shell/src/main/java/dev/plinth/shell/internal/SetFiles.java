package dev.plinth.shell.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.felix.service.command.CommandSession;

/** Files named on the command line ({@code plugin:apply}, {@code fleet:publish}): found and read as the shell does. */
final class SetFiles {

    private SetFiles() {
    }

    /** A file named on the command line, resolved against the shell's current directory. */
    static Path resolve(CommandSession session, String name) {
        return SourceArgument.directory(session == null ? null : session.currentDir()).resolve(name).toAbsolutePath()
                .normalize();
    }

    /** The file's text (UTF-8); a file that cannot be read fails the command, naming it and why. */
    static String read(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CommandFailedException("no such file: " + source);
        } catch (AccessDeniedException e) {
            throw new CommandFailedException("cannot read " + source + ": permission denied");
        } catch (IOException e) {
            throw new CommandFailedException("cannot read " + source + ": " + e.getMessage());
        }
    }
}
