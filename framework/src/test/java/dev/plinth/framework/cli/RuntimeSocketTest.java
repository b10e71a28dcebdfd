package dev.plinth.framework.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeSocketTest {

    @TempDir
    Path temp;

    /** A data directory whose socket path has exactly {@code length} bytes. */
    private Path dataDirectoryWithSocketPathOf(int length) throws IOException {
        int fill = length - temp.toString().length() - "/".length() - "/plinth.sock".length();
        return Files.createDirectories(temp.resolve("d".repeat(fill)));
    }

    private List<String> leftovers(Path data) throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    @Test
    void aHomeWhoseSocketPathIsNinetyBytesLongGetsItsSocket() throws Exception {
        Path data = dataDirectoryWithSocketPathOf(90);

        try (RuntimeSocket socket = RuntimeSocket.bind(data)) {
            assertEquals(90, socket.path().toString().length());
            assertTrue(Files.exists(socket.path()));
            assertEquals(List.of("plinth.sock"), leftovers(data), "the staging directory is gone");
        }
        assertEquals(List.of(), leftovers(data), "closed, the socket is removed");
    }

    @Test
    void aPathTooLongForASocketIsRefusedSayingHowMuchShorterAndLeavesNothing() throws Exception {
        Path data = dataDirectoryWithSocketPathOf(105);

        IOException refused = assertThrows(IOException.class, () -> RuntimeSocket.bind(data));

        assertTrue(refused.getMessage().startsWith("the data directory's path is too long for a socket"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("at least 7 characters shorter"), refused.getMessage());
        assertEquals(List.of(), leftovers(data));
    }
}
