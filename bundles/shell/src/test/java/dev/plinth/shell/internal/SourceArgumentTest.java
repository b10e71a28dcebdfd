package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceArgumentTest {

    @TempDir
    Path dir;

    @Test
    void anAbsolutePathIsUsedAsItIs() throws IOException {
        Path archive = Files.createFile(dir.resolve("greeter.jar"));
        assertEquals(archive.toUri(), SourceArgument.resolve(archive.toString(), Path.of("/elsewhere")));
    }

    @Test
    void aRelativePathIsResolvedAgainstTheSessionDirectory() throws IOException {
        Path archive = Files.createFile(Files.createDirectory(dir.resolve("deploy")).resolve("greeter.jar"));
        assertEquals(archive.toUri(), SourceArgument.resolve("deploy/../deploy/greeter.jar", dir));
    }

    @Test
    void withoutASessionDirectoryTheWorkingDirectoryIsUsed() throws IOException {
        Path cwd = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path archive = Files.createFile(dir.resolve("greeter.jar"));
        String relative = cwd.relativize(archive).toString();
        assertEquals(archive.toUri(), SourceArgument.resolve(relative, null));
    }

    @Test
    void aFileUrlIsTakenAsItIs() {
        assertEquals(URI.create("file:/opt/plugins/greeter.jar"),
                SourceArgument.resolve("file:/opt/plugins/greeter.jar", dir));
    }

    @Test
    void anHttpUrlIsTakenAsItIs() {
        assertEquals(URI.create("https://repo.example.com/greeter-1.0.0.jar"),
                SourceArgument.resolve("https://repo.example.com/greeter-1.0.0.jar", dir));
    }

    @Test
    void aMissingFileIsRefusedWithItsFullPath() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> SourceArgument.resolve("missing.jar", dir));
        assertEquals("no such file: " + dir.resolve("missing.jar"), failure.getMessage());
    }

    @Test
    void aOneLetterPrefixIsAPathNotAScheme() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> SourceArgument.resolve("C:greeter.jar", dir));
        assertEquals("no such file: " + dir.resolve("C:greeter.jar"), failure.getMessage());
    }

    @Test
    void aMalformedUrlIsRefused() {
        CommandFailedException failure = assertThrows(CommandFailedException.class,
                () -> SourceArgument.resolve("http://example.com/a b.jar", dir));
        assertEquals("not a valid URL: http://example.com/a b.jar", failure.getMessage());
    }
}
