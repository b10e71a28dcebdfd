package dev.plinth.shell.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Turns the archive argument of {@code install} and {@code upgrade} into the URI the manager reads. */
final class SourceArgument {

    /** A URL scheme: two or more characters, so that a Windows drive ({@code C:}) stays a path. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private SourceArgument() {
    }

    /**
     * The URI of {@code argument}: a URL (anything with a scheme) is taken as it is; anything else is a file
     * path resolved against {@code currentDir}, or the JVM's working directory when that is {@code null}, and must
     * exist.
     *
     * @throws CommandFailedException when the URL is malformed or the file does not exist
     */
    static URI resolve(String argument, Path currentDir) {
        if (argument == null || argument.isBlank()) {
            throw new CommandFailedException("no file or URL given");
        }
        if (SCHEME.matcher(argument).matches()) {
            try {
                return new URI(argument);
            } catch (URISyntaxException e) {
                throw new CommandFailedException("not a valid URL: " + argument);
            }
        }
        Path file;
        try {
            file = directory(currentDir).resolve(argument).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new CommandFailedException("not a valid path: " + argument);
        }
        if (!Files.exists(file)) {
            throw new CommandFailedException("no such file: " + file);
        }
        return file.toUri();
    }

    /** The shell's current directory, or the JVM's working directory when the shell has none. */
    static Path directory(Path currentDir) {
        return currentDir != null ? currentDir : Path.of(System.getProperty("user.dir"));
    }
}
