package dev.plinth.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLedgerTest {

    @TempDir
    Path data;

    private Path ledgerFile() {
        return data.resolve("deploy").resolve("deployed.json");
    }

    @Test
    void savedEntriesLoadBackIntoAFreshLedger() throws IOException {
        DeployLedger ledger = new DeployLedger(ledgerFile());
        DeployLedger.Entry greeter = new DeployLedger.Entry("dev.example.greeter", "1.2.3",
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Instant.parse("2026-11-23T14:26:50.123Z"));
        DeployLedger.Entry other = new DeployLedger.Entry("dev.example.other", "0.0.1.SNAPSHOT", "00ff",
                Instant.EPOCH);
        ledger.put("greeter.jar", greeter);
        ledger.put("other \"quoted\" ünïcode.jar", other);
        ledger.save();

        DeployLedger loaded = new DeployLedger(ledgerFile());
        loaded.load();

        assertEquals(Map.of("greeter.jar", greeter, "other \"quoted\" ünïcode.jar", other), loaded.entries());
        assertEquals(Optional.of(greeter), loaded.get("greeter.jar"));
        assertEquals(Optional.empty(), loaded.get("missing.jar"));
    }

    @Test
    void removedEntryIsGoneAfterTheNextSave() throws IOException {
        DeployLedger ledger = new DeployLedger(ledgerFile());
        ledger.put("a.jar", new DeployLedger.Entry("a", "1.0.0", "aa", Instant.ofEpochSecond(2)));
        ledger.put("b.jar", new DeployLedger.Entry("b", "1.0.0", "bb", Instant.ofEpochSecond(4)));
        ledger.save();
        ledger.remove("a.jar", "a");
        ledger.save();

        DeployLedger loaded = new DeployLedger(ledgerFile());
        loaded.load();

        assertEquals(List.of("b.jar"), List.copyOf(loaded.entries().keySet()));
    }

    @Test
    void loadReplacesWhatWasInMemory() throws IOException {
        DeployLedger ledger = new DeployLedger(ledgerFile());
        ledger.put("stale.jar", new DeployLedger.Entry("s", "1.0.0", "ss", Instant.ofEpochSecond(2)));

        ledger.load();

        assertTrue(ledger.entries().isEmpty());
    }

    @Test
    void missingFileIsAnEmptyLedger() throws IOException {
        DeployLedger ledger = new DeployLedger(ledgerFile());

        ledger.load();

        assertTrue(ledger.entries().isEmpty());
        assertTrue(Files.notExists(ledgerFile()), "loading does not create the file");
    }

    @Test
    void emptyLedgerSavesAndLoads() throws IOException {
        new DeployLedger(ledgerFile()).save();
        assertTrue(Files.isRegularFile(ledgerFile()), "save creates the missing directories and the file");

        DeployLedger loaded = new DeployLedger(ledgerFile());
        loaded.load();
        assertTrue(loaded.entries().isEmpty());
    }

    @Test
    void corruptFileIsAnIOExceptionNamingTheFile() throws IOException {
        for (String text : List.of("{\"files\": {\"a.jar\": {\"id\": ", "not json at all", "[]", "{}",
                "{\"files\": {\"a.jar\": {\"id\": \"a\"}}}", "")) {
            Files.createDirectories(ledgerFile().getParent());
            Files.writeString(ledgerFile(), text);
            DeployLedger ledger = new DeployLedger(ledgerFile());

            IOException failure = assertThrows(IOException.class, ledger::load, text);

            assertTrue(failure.getMessage().contains(ledgerFile().toString()),
                    "for " + text + ": " + failure.getMessage());
        }
    }

    /** A name that is not a file directly in the deploy directory would make the deployer act on another file. */
    @Test
    void aNameThatLeadsOutOfTheDeployDirectoryIsACorruptLedger() throws IOException {
        for (String name : List.of("../../etc/evil.jar", "sub/x.jar", "/tmp/x.jar", "a\\u0000.jar", "..", "")) {
            Files.createDirectories(ledgerFile().getParent());
            Files.writeString(ledgerFile(), "{\"files\": {\"" + name + "\": {\"id\": \"dev.plinth.rest\", "
                    + "\"version\": \"1\", \"sha256\": \"" + "a".repeat(64) + "\"}}}");
            DeployLedger ledger = new DeployLedger(ledgerFile());

            IOException failure = assertThrows(IOException.class, ledger::load, name);

            assertTrue(failure.getMessage().contains(ledgerFile().toString()), failure.getMessage());
            assertTrue(failure.getMessage().contains("not a file name"), failure.getMessage());
            assertEquals(Map.of(), ledger.entries());
        }
    }

    /** Bytes that are not UTF-8 are a corrupt ledger too, and the message names the file. */
    @Test
    void binaryGarbageIsAnIOExceptionNamingTheFile() throws IOException {
        Files.createDirectories(ledgerFile().getParent());
        Files.write(ledgerFile(), new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, (byte) 0xC3, 0x28});
        DeployLedger ledger = new DeployLedger(ledgerFile());

        IOException failure = assertThrows(IOException.class, ledger::load);

        assertTrue(failure.getMessage() != null && failure.getMessage().contains(ledgerFile().toString()),
                String.valueOf(failure.getMessage()));
    }

    @Test
    void saveLeavesNoTemporaryFileBehind() throws IOException {
        DeployLedger ledger = new DeployLedger(ledgerFile());
        ledger.put("a.jar", new DeployLedger.Entry("a", "1.0.0", "aa", Instant.ofEpochSecond(2)));
        ledger.save();
        ledger.put("b.jar", new DeployLedger.Entry("b", "1.0.0", "bb", Instant.ofEpochSecond(4)));
        ledger.save();

        try (Stream<Path> files = Files.list(ledgerFile().getParent())) {
            assertEquals(List.of(ledgerFile().getFileName().toString()),
                    files.map(file -> file.getFileName().toString()).toList());
        }
    }

    @Test
    void removeForgetsANameOnlyWhileItHoldsThatPlugin() throws IOException {
        DeployLedger ledger = new DeployLedger(ledgerFile());
        DeployLedger.Entry moved = new DeployLedger.Entry("y", "1.0.0", "yy", Instant.EPOCH);
        ledger.put("a.jar", moved);

        ledger.remove("a.jar", "x");

        assertEquals(Optional.of(moved), ledger.get("a.jar"));
        ledger.remove("a.jar", "y");
        assertEquals(Optional.empty(), ledger.get("a.jar"));
    }

    @Test
    void theDirectoryOfTheNamesIsRecorded() throws IOException {
        DeployLedger ledger = new DeployLedger(ledgerFile());
        Path directory = data.resolve("deploy-here").toAbsolutePath();
        ledger.restart(directory, Map.of("a.jar", new DeployLedger.Entry("a", "1.0.0", "aa", Instant.EPOCH)));
        ledger.save();

        DeployLedger loaded = new DeployLedger(ledgerFile());
        loaded.load();

        assertEquals(Optional.of(directory), loaded.directory());
        assertEquals(List.of("a.jar"), List.copyOf(loaded.entries().keySet()));
    }

    @Test
    void aLedgerWithoutDatesTakesTheFilesTime() throws IOException {
        Files.createDirectories(ledgerFile().getParent());
        Files.writeString(ledgerFile(), "{\"files\": {\"a.jar\": {\"id\": \"a\", \"version\": \"1.0.0\", "
                + "\"sha256\": \"aa\", \"size\": 10, \"modified\": 20}}}");
        Instant written = Instant.parse("2026-11-01T10:00:00Z");
        Files.setLastModifiedTime(ledgerFile(), java.nio.file.attribute.FileTime.from(written));
        DeployLedger ledger = new DeployLedger(ledgerFile());

        ledger.load();

        assertEquals(written, ledger.get("a.jar").orElseThrow().since());
        assertEquals(Optional.empty(), ledger.directory());
    }

    @Test
    void anUnreadableLedgerIsSetAside() throws IOException {
        Files.createDirectories(ledgerFile().getParent());
        Files.writeString(ledgerFile(), "not json");
        DeployLedger ledger = new DeployLedger(ledgerFile());
        assertThrows(IOException.class, ledger::load);

        Path aside = ledger.setAside();

        assertEquals("not json", Files.readString(aside));
        assertTrue(Files.notExists(ledgerFile()));
        assertEquals("deployed.json.unreadable", aside.getFileName().toString());
    }

    @Test
    void aLedgerOfAnEarlierVersionIsReadAndWrittenBackUnchanged() throws IOException {
        String earlier = "{\"directory\":\"/srv/plinth/deploy\",\"files\":{"
                + "\"a.jar\":{\"id\":\"a\",\"version\":\"1.0.0\",\"sha256\":\"aa\",\"since\":\"1970-01-01T00:00:02Z\"},"
                + "\"b \\\"q\\\".jar\":{\"id\":\"b\",\"version\":\"2.0.0\",\"sha256\":\"bb\","
                + "\"since\":\"2026-01-02T03:04:05.123Z\",\"refused\":\"cc\"}}}";
        Files.createDirectories(ledgerFile().getParent());
        Files.writeString(ledgerFile(), earlier);
        DeployLedger ledger = new DeployLedger(ledgerFile());

        ledger.load();

        assertEquals(Optional.of(Path.of("/srv/plinth/deploy")), ledger.directory());
        assertEquals(Map.of("a.jar", new DeployLedger.Entry("a", "1.0.0", "aa", Instant.ofEpochSecond(2)),
                "b \"q\".jar", new DeployLedger.Entry("b", "2.0.0", "bb", Instant.parse("2026-01-02T03:04:05.123Z"),
                        "cc")), ledger.entries());
        ledger.save();
        assertEquals(earlier, Files.readString(ledgerFile()));
    }
}
