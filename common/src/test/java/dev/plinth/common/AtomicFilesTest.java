package dev.plinth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private List<String> names(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writeCreatesTheFileAndItsFolders() throws Exception {
        Path file = dir.resolve("a").resolve("b").resolve("state.json");

        AtomicFiles.write(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals("{}", Files.readString(file));
        assertEquals(List.of("state.json"), names(file.getParent()));
    }

    @Test
    void writeReplacesLongerContentEntirelyAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "a much longer previous content than the new one");

        AtomicFiles.write(file, "short".getBytes(StandardCharsets.UTF_8));

        assertEquals("short", Files.readString(file));
        assertEquals(List.of("state.json"), names(dir));
    }

    @Test
    void repeatedWritesLeaveOnlyTheFile() throws Exception {
        Path file = dir.resolve("fingerprints.properties");
        for (int i = 0; i < 5; i++) {
            AtomicFiles.write(file, ("round " + i).getBytes(StandardCharsets.UTF_8));
        }
        AtomicFiles.write(dir.resolve("other"), new byte[0]);

        assertEquals("round 4", Files.readString(file));
        assertEquals(0, Files.size(dir.resolve("other")));
        assertEquals(List.of("fingerprints.properties", "other"), names(dir));
    }

    @Test
    void writeUnforcedReplacesTheContentAndLeavesNoTempFile() throws Exception {
        Path file = dir.resolve("intent.json");
        Files.writeString(file, "a much longer previous content than the new one");

        AtomicFiles.writeUnforced(file, "short".getBytes(StandardCharsets.UTF_8));

        assertEquals("short", Files.readString(file));
        assertEquals(List.of("intent.json"), names(dir));
    }

    @Test
    void linkNamesTheSameContentUnderTheCopyAndSurvivesTheFilesReplacement() throws Exception {
        Path file = dir.resolve("state.json");
        Path copy = dir.resolve("state.previous.json");
        Files.writeString(copy, "older");
        AtomicFiles.write(file, "old".getBytes(StandardCharsets.UTF_8));

        AtomicFiles.link(file, copy);
        AtomicFiles.write(file, "new".getBytes(StandardCharsets.UTF_8));

        assertEquals("old", Files.readString(copy));
        assertEquals("new", Files.readString(file));
        assertEquals(List.of("state.json", "state.previous.json"), names(dir));
    }

    @Test
    void appendForcedCreatesTheFileThenAppendsAfterWhatItHolds() throws Exception {
        Path file = dir.resolve("state.changes.jsonl");

        AtomicFiles.appendForced(file, "one\n".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.appendForced(file, "two\n".getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of("one", "two"), Files.readAllLines(file));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)), "readable by its owner only");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file");
        }
    }

    @Test
    void forcedTempIsBesideTheFileWithTheContent() throws Exception {
        Path file = dir.resolve("sub").resolve("state.json");

        Path temp = AtomicFiles.forcedTemp(file, "{}".getBytes(StandardCharsets.UTF_8));

        assertEquals(file.getParent(), temp.getParent());
        assertEquals("{}", Files.readString(temp));
        assertFalse(Files.exists(file));
    }

    @Test
    void moveReplacesTheTarget() throws Exception {
        Path source = dir.resolve("incoming.jar");
        Path target = dir.resolve("artifacts.jar");
        Files.writeString(source, "new");
        Files.writeString(target, "old");

        AtomicFiles.move(source, target);

        assertEquals("new", Files.readString(target));
        assertFalse(Files.exists(source));
    }
}
