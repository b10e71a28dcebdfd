package dev.plinth.manager.internal;

import static dev.plinth.manager.internal.TestJars.bundle;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.Operation;
import dev.plinth.api.PluginKind;
import dev.plinth.api.Verb;

class StoreTest {

    private static final int LIMIT = 3;

    @TempDir
    Path dir;

    private Path root;
    private StoreCodec codec;
    private Store store;

    @BeforeEach
    void setUp() {
        root = dir.resolve("data").resolve("manager");
        codec = new StoreCodec();
        store = new Store(root, codec, LIMIT);
    }

    private static StoreState state(long sequence, StoredPlugin... plugins) {
        return new StoreState(sequence, Stream.of(plugins).collect(Collectors.toMap(StoredPlugin::id, p -> p)));
    }

    private static StoredPlugin plugin(String id, String sha256, String previousSha256) {
        return new StoredPlugin(id, "1.0.0", sha256, "file:/x/" + id + ".jar", PluginKind.PLUGIN, true, null,
                previousSha256 == null ? null : "0.9.0", previousSha256, Instant.parse("2024-01-01T00:00:00Z"));
    }

    private static Operation operation(long sequence) {
        return new Operation(sequence, Instant.parse("2024-01-01T00:00:00Z").plusSeconds(sequence), Verb.ENABLE,
                "org.example.app", "1.0.0", "1.0.0", Operation.Outcome.SUCCEEDED, "operation " + sequence, "test");
    }

    private static List<Long> sequences(List<Operation> operations) {
        return operations.stream().map(Operation::sequence).toList();
    }

    private Path history() {
        return root.resolve("history.jsonl");
    }

    @Test
    void loadWithoutStateIsEmpty() throws IOException {
        assertSame(StoreState.EMPTY, store.load());
    }

    @Test
    void committedStateIsLoadedAndThePreviousOneKept() throws Exception {
        StoreState first = state(1, plugin("org.example.a", "a".repeat(64), null));
        StoreState second = state(2, plugin("org.example.a", "a".repeat(64), null),
                plugin("org.example.b", "b".repeat(64), null));

        store.commit(first);
        assertFalse(Files.exists(root.resolve("state.previous.json")));
        store.commit(second);

        assertEquals(second, store.load());
        assertEquals(first, codec.readState(Files.readString(root.resolve("state.previous.json"))));
    }

    @Test
    void eachCommitKeepsTheStateItReplacesAndLeavesNoOtherFile() throws Exception {
        StoreState first = state(1, plugin("org.example.a", "a".repeat(64), null));
        StoreState second = state(2, plugin("org.example.a", "b".repeat(64), null));
        StoreState third = state(3);

        store.commit(first);
        store.commit(second);
        store.commit(third);

        assertEquals(third, store.load());
        assertEquals(second, codec.readState(Files.readString(root.resolve("state.previous.json"))));
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(Set.of("state.json", "state.previous.json"),
                    files.map(file -> file.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void aPreviousStateLeftAsASecondNameOfTheStateGetsItsOwnContentAtStart() throws Exception {
        StoreState first = state(1, plugin("org.example.a", "a".repeat(64), null));
        store.commit(first);
        Files.createLink(root.resolve("state.previous.json"), root.resolve("state.json"));

        store.clearTemp();

        assertFalse(Files.isSameFile(root.resolve("state.json"), root.resolve("state.previous.json")));
        assertEquals(first, codec.readState(Files.readString(root.resolve("state.previous.json"))));
        assertEquals(first, store.load());
    }

    @Test
    void garbageStateFallsBackToThePreviousState() throws Exception {
        StoreState first = state(1, plugin("org.example.a", "a".repeat(64), null));
        store.commit(first);
        store.commit(state(2));
        Files.writeString(root.resolve("state.json"), "{\"format\":1,\"sequ");

        assertEquals(first, store.load());
    }

    @Test
    void zeroFilledStateFallsBackToThePreviousState() throws Exception {
        StoreState first = state(1, plugin("org.example.a", "a".repeat(64), null));
        store.commit(first);
        store.commit(state(2));
        Files.write(root.resolve("state.json"), new byte[128]);

        assertEquals(first, store.load());
    }

    @Test
    void stateWithBytesThatAreNotUtf8FallsBackToThePreviousState() throws Exception {
        StoreState first = state(1, plugin("org.example.a", "a".repeat(64), null));
        store.commit(first);
        store.commit(state(2));
        Files.write(root.resolve("state.json"), new byte[] {'{', (byte) 0xFF, (byte) 0xFE, (byte) 0xC3});

        assertEquals(first, store.load());
    }

    @Test
    void garbageStateWithoutPreviousIsAnError() throws Exception {
        Files.createDirectories(root);
        Files.writeString(root.resolve("state.json"), "not json");

        IOException e = assertThrows(IOException.class, store::load);
        assertTrue(e.getMessage().contains("state.json"), e.getMessage());
    }

    @Test
    void intentRoundTripAndEnd() throws Exception {
        Intent intent = new Intent(5, Verb.REMOVE, "org.example.app", "shell", Instant.parse("2024-01-01T00:00:00Z"),
                List.of("org.example.app"));
        assertNull(store.pendingIntent());

        for (boolean durable : List.of(true, false)) {
            store.begin(intent, durable);
            assertEquals(intent, store.pendingIntent());
            assertTrue(Files.exists(root.resolve("intent.json")));

            store.end();
            assertNull(store.pendingIntent());
            assertFalse(Files.exists(root.resolve("intent.json")));
        }
        try (Stream<Path> files = Files.list(root)) {
            assertEquals(List.of(), files.toList(), "no temporary file is left");
        }
    }

    @Test
    void tornIntentIsNullAndDeleted() throws Exception {
        Files.createDirectories(root);
        Path intent = root.resolve("intent.json");
        Files.writeString(intent, "{\"sequence\": 5, \"verb\": \"REM");

        assertNull(store.pendingIntent());
        assertFalse(Files.exists(intent));
    }

    @Test
    void intentWithBytesThatAreNotUtf8IsNullAndDeleted() throws Exception {
        Files.createDirectories(root);
        Path intent = root.resolve("intent.json");
        Files.write(intent, new byte[] {'{', '"', 'o', (byte) 0xC3});

        assertNull(store.pendingIntent());
        assertFalse(Files.exists(intent));
    }

    @Test
    void historyIsAppendedAndReadNewestLast() throws Exception {
        store.record(operation(1));
        store.record(operation(2));
        store.record(operation(3));

        assertEquals(List.of(operation(1), operation(2), operation(3)), store.history(10));
        assertEquals(List.of(2L, 3L), sequences(store.history(2)));
        assertEquals(List.of(), store.history(0));
        assertEquals(3, store.lastHistorySequence());
    }

    @Test
    void historyWithoutFileIsEmpty() throws Exception {
        assertEquals(List.of(), store.history(10));
        assertEquals(0, store.lastHistorySequence());
    }

    @Test
    void historyIsTrimmedToTheLimitOnceItExceedsTwiceTheLimit() throws Exception {
        for (long sequence = 1; sequence <= 2 * LIMIT; sequence++) {
            store.record(operation(sequence));
        }
        assertEquals(2 * LIMIT, Files.readAllLines(history()).size(), "not trimmed at exactly twice the limit");

        store.record(operation(2 * LIMIT + 1));

        assertEquals(LIMIT, Files.readAllLines(history()).size());
        assertEquals(List.of(5L, 6L, 7L), sequences(store.history(100)));

        store.record(operation(8));
        assertEquals(List.of(5L, 6L, 7L, 8L), sequences(store.history(100)));
    }

    @Test
    void tornHistoryLineIsSkipped() throws Exception {
        Files.createDirectories(root);
        Files.writeString(history(), codec.line(operation(1)) + "\n" + "{\"sequence\":2,\"ti\n"
                + codec.line(operation(3)) + "\n\n");

        assertEquals(List.of(operation(1), operation(3)), store.history(10));
        assertEquals(3, store.lastHistorySequence());
    }

    @Test
    void operationRecordedAfterATornLastLineIsKept() throws Exception {
        store.record(operation(1));
        Files.writeString(history(), "{\"sequence\":2,\"ti", StandardOpenOption.APPEND);

        store.record(operation(3));

        assertEquals(List.of(1L, 3L), sequences(store.history(10)));
    }

    @Test
    void keepMovesTheArchiveUnderItsSha256() throws Exception {
        Path jar = bundle(dir.resolve("src").resolve("app.jar"), "org.example.app", "1.0.0");
        Archive archive = new ArchiveReader(store.temp(), 1 << 20).read(jar.toUri());
        Path temporary = archive.file();

        Path kept = store.keep(archive);

        assertEquals(root.resolve("artifacts").resolve(archive.sha256() + ".jar"), kept);
        assertEquals(store.artifact(archive.sha256()), kept);
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(kept));
        assertFalse(Files.exists(temporary));
    }

    @Test
    void keepingTheSameContentTwiceDiscardsTheSecondCopy() throws Exception {
        Path jar = bundle(dir.resolve("src").resolve("app.jar"), "org.example.app", "1.0.0");
        ArchiveReader reader = new ArchiveReader(store.temp(), 1 << 20);
        Path first = store.keep(reader.read(jar.toUri()));
        Archive again = reader.read(jar.toUri());

        Path second = store.keep(again);

        assertEquals(first, second);
        assertFalse(Files.exists(again.file()));
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(second));
        try (Stream<Path> files = Files.list(root.resolve("artifacts"))) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void collectGarbageKeepsCurrentAndPreviousArchivesOnly() throws Exception {
        String current = "1".repeat(64);
        String previous = "2".repeat(64);
        String library = "3".repeat(64);
        String orphan = "4".repeat(64);
        for (String sha : List.of(current, previous, library, orphan)) {
            Files.createDirectories(store.artifact(sha).getParent());
            Files.writeString(store.artifact(sha), sha);
        }
        Path stray = root.resolve("artifacts").resolve("stray.tmp");
        Files.writeString(stray, "x");

        store.collectGarbage(state(4, plugin("org.example.app", current, previous),
                plugin("org.example.lib", library, null)));

        try (Stream<Path> files = Files.list(root.resolve("artifacts"))) {
            assertEquals(Set.of(current + ".jar", previous + ".jar", library + ".jar"),
                    files.map(file -> file.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void collectGarbageWithoutArtifactsFolderDoesNothing() throws Exception {
        store.collectGarbage(state(1, plugin("org.example.app", "1".repeat(64), null)));

        assertFalse(Files.exists(root.resolve("artifacts")));
    }

    @Test
    void clearTempEmptiesTheTempFolderButKeepsIt() throws Exception {
        Files.createDirectories(store.temp().resolve("nested"));
        Files.writeString(store.temp().resolve("incoming-1.jar"), "x");
        Files.writeString(store.temp().resolve("nested").resolve("y"), "y");

        store.clearTemp();

        assertTrue(Files.isDirectory(store.temp()));
        try (Stream<Path> files = Files.list(store.temp())) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void clearTempDeletesStateFilesAnAtomicWriteLeftUnrenamed() throws Exception {
        store.commit(state(1, plugin("org.example.a", "a".repeat(64), null)));
        Path torn = Files.writeString(root.resolve(".state.json123.tmp"), "{\"form");

        store.clearTemp();

        assertFalse(Files.exists(torn));
        assertTrue(Files.exists(root.resolve("state.json")), "the state file itself stays");
    }

    @Test
    void stateFileIsUtf8Json() throws Exception {
        store.commit(state(1, plugin("org.example.ä", "a".repeat(64), null)));

        String text = new String(Files.readAllBytes(root.resolve("state.json")), StandardCharsets.UTF_8);
        assertTrue(text.contains("org.example.ä"), text);
        assertEquals(Map.of("org.example.ä", plugin("org.example.ä", "a".repeat(64), null)), store.load().plugins());
    }
}
