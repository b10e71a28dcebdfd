package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginKind;

/** The commits of a few records as lines of {@code state.changes.jsonl}, and their reading at start. */
class StoreChangesTest {

    @TempDir
    Path dir;

    private Path root;
    private StoreCodec codec;
    private Store store;
    /** The state written whole first: ten plugins, all enabled, at sequence 1. */
    private StoreState base;

    @BeforeEach
    void setUp() throws Exception {
        root = dir.resolve("manager");
        codec = new StoreCodec();
        store = new Store(root, codec, 10);
        base = ten();
        store.commit(base);
    }

    private static StoredPlugin plugin(String id, boolean enabled) {
        return new StoredPlugin(id, "1.0.0", "a".repeat(64), "file:/x/" + id + ".jar", PluginKind.PLUGIN, enabled,
                null, null, null, Instant.parse("2024-01-01T00:00:00Z"));
    }

    /** Ten plugins, all enabled, at sequence 1. */
    private static StoreState ten() {
        List<StoredPlugin> plugins = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            plugins.add(plugin("org.example.p" + i, true));
        }
        return new StoreState(1, plugins.stream().collect(Collectors.toMap(StoredPlugin::id, p -> p)));
    }

    /** {@code state} with the plugin's enabled flag flipped, at the next sequence. */
    private static StoreState flipped(StoreState state, String id) {
        StoredPlugin record = state.get(id).orElseThrow();
        return state.with(record.withEnabled(!record.enabled())).next();
    }

    private Path changes() {
        return root.resolve(StateChanges.NAME);
    }

    private List<String> names() throws Exception {
        try (Stream<Path> files = Files.list(root)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aCommitOfOneRecordIsALineAndTheStateFileStaysAsItWas() throws Exception {
        byte[] whole = Files.readAllBytes(root.resolve("state.json"));
        StoreState disabled = flipped(base, "org.example.p3");

        store.commitChange(disabled);

        assertArrayEquals(whole, Files.readAllBytes(root.resolve("state.json")));
        assertEquals(1, Files.readAllLines(changes()).size());
        assertTrue(Files.readString(changes()).contains("\"enabled\":false"), Files.readString(changes()));
        assertEquals(disabled, new Store(root, codec, 10).load());
        assertTrue(store.stateReplaced());
    }

    @Test
    void lineAfterLineAreReadInOrder() throws Exception {
        StoreState state = base;
        for (String id : List.of("org.example.p1", "org.example.p2", "org.example.p1")) {
            state = flipped(state, id);
            store.commitChange(state);
        }

        StoreState loaded = new Store(root, codec, 10).load();

        assertEquals(state, loaded);
        assertTrue(loaded.get("org.example.p1").orElseThrow().enabled());
        assertFalse(loaded.get("org.example.p2").orElseThrow().enabled());
        assertEquals(4, loaded.sequence());
    }

    @Test
    void aCommitOfMoreRecordsIsWrittenWholeAndTheLinesBeforeItGo() throws Exception {
        StoreState one = flipped(base, "org.example.p0");
        store.commitChange(one);
        List<StoredPlugin> all = one.all().stream().map(plugin -> plugin.withEnabled(false)).toList();
        StoreState allDisabled = one.withAll(all).next();

        store.commitChange(allDisabled);

        assertEquals(List.of("state.json", "state.previous.json"), names());
        assertEquals(allDisabled, codec.readState(Files.readString(root.resolve("state.json"))));
        assertEquals(allDisabled, new Store(root, codec, 10).load());
    }

    @Test
    void theCommitAfterTheMostLinesIsWrittenWhole() throws Exception {
        StoreState state = base;
        for (int i = 0; i < StateChanges.MOST_LINES; i++) {
            state = flipped(state, "org.example.p5");
            store.commitChange(state);
        }
        assertEquals(StateChanges.MOST_LINES, Files.readAllLines(changes()).size());

        state = flipped(state, "org.example.p5");
        store.commitChange(state);

        assertFalse(Files.exists(changes()));
        assertEquals(state, codec.readState(Files.readString(root.resolve("state.json"))));
    }

    @Test
    void aTornLastLineIsNotCommittedAndTheNextCommitIsWrittenWhole() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        store.commitChange(first);
        String torn = codec.write(StoreChange.between(first, flipped(first, "org.example.p2")));
        Files.writeString(changes(), torn.substring(0, torn.length() / 2), StandardOpenOption.APPEND);

        Store restarted = new Store(root, codec, 10);
        assertEquals(first, restarted.load());
        StoreState next = flipped(first, "org.example.p9");
        restarted.commitChange(next);

        assertFalse(Files.exists(changes()), "written whole: the torn line is gone");
        assertEquals(next, new Store(root, codec, 10).load());
    }

    @Test
    void linesLeftByACrashAfterTheStateWasWrittenWholeArePassedOver() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        store.commitChange(first);
        byte[] line = Files.readAllBytes(changes());
        StoreState whole = first.with(plugin("org.example.new", true)).next();
        store.commit(whole);
        assertFalse(Files.exists(changes()));
        Files.write(changes(), line);

        Store restarted = new Store(root, codec, 10);
        assertEquals(whole, restarted.load());
        assertTrue(restarted.changesPending());
        restarted.commitChange(flipped(whole, "org.example.p1"));

        assertFalse(Files.exists(changes()), "written whole: the old line is gone");
    }

    @Test
    void aLineThatDoesNotFollowEndsTheReading() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        store.commitChange(first);
        StoreState gap = flipped(first, "org.example.p2").next();
        Files.writeString(changes(), codec.write(StoreChange.between(first, gap)).replace("\"base\":2", "\"base\":3")
                + "\n", StandardOpenOption.APPEND);
        StoreState after = flipped(gap, "org.example.p3");
        Files.writeString(changes(), codec.write(StoreChange.between(gap, after)) + "\n", StandardOpenOption.APPEND);

        assertEquals(first, new Store(root, codec, 10).load());
    }

    @Test
    void aCommitBeforeTheStoreWasReadIsWrittenWhole() throws Exception {
        Store fresh = new Store(root, codec, 10);

        fresh.commitChange(flipped(base, "org.example.p1"));

        assertFalse(Files.exists(changes()));
        assertEquals(flipped(base, "org.example.p1"), codec.readState(Files.readString(root.resolve("state.json"))));
    }

    @Test
    void recordsEqualToThoseWrittenButReadAgainAreNotChanges() throws Exception {
        StoreState readAgain = codec.readState(Files.readString(root.resolve("state.json")));
        StoreState next = flipped(readAgain, "org.example.p1");

        store.commitChange(next);

        assertEquals(1, Files.readAllLines(changes()).size());
        assertTrue(Files.readString(changes()).contains("\"plugins\":[{\"id\":\"org.example.p1\","),
                Files.readString(changes()));
        assertEquals(next, new Store(root, codec, 10).load());
    }

    @Test
    void aDamagedLineIsPassedOverTheLinesThatFollowAreKeptAndTheFileIsSetAside() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        StoreState second = flipped(first, "org.example.p2");
        Files.writeString(changes(), "garbage\n" + codec.write(StoreChange.between(base, first)) + "\n"
                + codec.write(StoreChange.between(first, second)) + "\n");

        Store restarted = new Store(root, codec, 10);
        assertEquals(second, restarted.load());
        assertEquals(1, restarted.changesDamaged());
        restarted.commit(second);

        assertFalse(Files.exists(changes()));
        assertTrue(Files.readString(root.resolve(StateChanges.NAME + ".unreadable")).startsWith("garbage\n"),
                "kept for the operator");
        assertEquals(second, new Store(root, codec, 10).load());
    }

    @Test
    void aByteOrderMarkBeforeTheFirstLineIsNoDamage() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        Files.writeString(changes(), "\uFEFF" + codec.write(StoreChange.between(base, first)) + "\r\n");

        Store restarted = new Store(root, codec, 10);

        assertEquals(first, restarted.load());
        assertEquals(0, restarted.changesDamaged());
    }

    @Test
    void aChangesFileThatIsNotARegularFileOrTooLargeCannotBeRead() throws Exception {
        Files.createDirectory(changes());
        IOException directory = assertThrows(IOException.class, () -> new Store(root, codec, 10).load());
        assertTrue(directory.getMessage().contains(StateChanges.NAME), directory.getMessage());

        Files.delete(changes());
        try (RandomAccessFile sparse = new RandomAccessFile(changes().toFile(), "rw")) {
            sparse.setLength(StateChanges.MOST_BYTES + 1);
        }
        IOException large = assertThrows(IOException.class, () -> new Store(root, codec, 10).load());
        assertTrue(large.getMessage().contains("larger than"), large.getMessage());
    }

    @Test
    void afterAFailedAppendTheCommitsAreWrittenWholeEvenAfterTheStoreIsReadAgain() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        store.commitChange(first);
        byte[] line = Files.readAllBytes(changes());
        Files.delete(changes());
        Files.createDirectory(changes());
        StoreState refused = flipped(first, "org.example.p2");
        assertThrows(PluginException.class, () -> store.commitChange(refused));
        Files.delete(changes());
        Files.write(changes(), line);
        assertEquals(first, store.load());

        StoreState next = flipped(first, "org.example.p3");
        store.commitChange(next);

        assertFalse(Files.exists(changes()), "written whole");
        assertEquals(next, codec.readState(Files.readString(root.resolve("state.json"))));
    }

    @Test
    void thePreviousStateWithTheLinesLaidOverIsWhatIsKnownWithoutTheState() throws Exception {
        StoreState added = base.with(plugin("org.example.new", true)).next();
        store.commit(added);
        StoreState first = flipped(added, "org.example.p1");
        store.commitChange(first);
        store.commitChange(flipped(first, "org.example.p2"));

        StoreState known = store.previousWithChanges();

        assertFalse(known.get("org.example.p1").orElseThrow().enabled());
        assertFalse(known.get("org.example.p2").orElseThrow().enabled());
        assertTrue(known.get("org.example.p3").orElseThrow().enabled());
        assertFalse(known.get("org.example.new").isPresent(), "the last state written whole is not in the lines");
    }

    @Test
    void aStateWrittenWholeOverLinesKeepsTheStateBeforeItAsThePrevious() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        store.commitChange(first);
        StoreState second = flipped(first, "org.example.p2");
        store.commitChange(second);

        store.commit(second.with(plugin("org.example.new", true)).next());

        assertEquals(second, codec.readState(Files.readString(root.resolve("state.previous.json"))),
                "one commit old, not the state.json before the lines");
    }

    @Test
    void aLineAfterAnAppliedOneThatGoesBackIsDamageNotOld() throws Exception {
        StoreState jump = new StoreState(99, flipped(base, "org.example.p1").plugins());
        StoreState after = flipped(jump, "org.example.p2");
        Files.writeString(changes(), codec.write(StoreChange.between(base, jump)) + "\n"
                + codec.write(StoreChange.between(flipped(base, "org.example.p3"), after)).replace("\"base\":2",
                        "\"base\":1").replace("\"sequence\":100", "\"sequence\":3") + "\n");

        Store restarted = new Store(root, codec, 10);

        assertEquals(jump, restarted.load());
        assertEquals(1, restarted.changesDamaged());
    }

    @Test
    void theLinesLaidOverThePreviousLeaveOutATornLastLineAndRefuseAFileThatCannotBeRead() throws Exception {
        StoreState first = flipped(base, "org.example.p1");
        String torn = codec.write(StoreChange.between(first, flipped(first, "org.example.p2")));
        Files.writeString(changes(), codec.write(StoreChange.between(base, first)) + "\n" + torn);

        StoreState known = store.previousWithChanges();

        assertFalse(known.get("org.example.p1").orElseThrow().enabled());
        assertFalse(known.get("org.example.p2").isPresent(), "the torn line was never committed");
        Files.delete(changes());
        Files.createDirectory(changes());
        assertThrows(IOException.class, store::previousWithChanges);
    }

    @Test
    void eachChangesFileSetAsideIsKept() throws Exception {
        Files.writeString(changes(), "garbage one\n");
        Store restarted = new Store(root, codec, 10);
        restarted.load();
        restarted.commit(base.next());
        Files.writeString(changes(), "garbage two\n");
        restarted.load();
        restarted.commit(base.next().next());

        assertEquals("garbage one\n", Files.readString(root.resolve(StateChanges.NAME + ".unreadable")));
        assertEquals("garbage two\n", Files.readString(root.resolve(StateChanges.NAME + ".unreadable.2")));
    }

    @Test
    void aMissingStateIsUnreadableWhenThePreviousOrTheChangesSayThereWasOne() throws Exception {
        Store fresh = new Store(dir.resolve("fresh"), codec, 10);
        assertFalse(fresh.stateUnreadable(), "a first start");
        store.commitChange(flipped(base, "org.example.p1"));
        Files.delete(root.resolve("state.json"));

        assertTrue(store.stateUnreadable());
        store.setAsideUnreadableState();
        assertFalse(Files.exists(changes()));
    }

    @Test
    void aRemovedRecordIsALineToo() throws Exception {
        StoreState without = base.without("org.example.p4").next();

        store.commitChange(without);

        assertTrue(Files.readString(changes()).contains("\"removed\":[\"org.example.p4\"]"));
        assertEquals(without, new Store(root, codec, 10).load());
    }

    @Test
    void anUnreadableStateIsSetAsideWithItsChanges() throws Exception {
        store.commitChange(flipped(base, "org.example.p1"));
        Files.writeString(root.resolve("state.json"), "{\"format\": 1, \"seq");

        store.setAsideUnreadableState();

        assertEquals(Set.of("state.json.unreadable", StateChanges.NAME + ".unreadable"),
                names().stream().filter(name -> name.contains("unreadable")).collect(Collectors.toSet()));
        assertFalse(Files.exists(changes()));
    }
}
