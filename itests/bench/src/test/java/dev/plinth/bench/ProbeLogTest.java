package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProbeLogTest {

    @TempDir
    Path dir;

    private void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void followsAppendedLinesAndWaitsForAnUnfinishedOne() throws IOException {
        Path file = dir.resolve("probe.log");
        ProbeLog log = new ProbeLog(file, () -> true);
        assertEquals(0, log.mark());
        append(file, "ACTIVE bench.probe 1\nSTARTED bench.si");
        assertEquals(1, log.mark());
        append(file, "ngle 2\n");
        assertEquals(List.of(new ProbeLine("ACTIVE", "bench.probe", 1), new ProbeLine("STARTED", "bench.single", 2)),
                log.lines());
    }

    @Test
    void awaitsOnlyFromTheMark() throws Exception {
        Path file = dir.resolve("probe.log");
        append(file, "STARTED bench.single 1\nUNINSTALLED bench.single 2\nSTARTED bench.single 3\n");
        ProbeLog log = new ProbeLog(file, () -> true);
        assertEquals(1, log.await(0, "STARTED", "bench.single", Duration.ofSeconds(1)).micros());
        assertEquals(3, log.await(1, "STARTED", "bench.single", Duration.ofSeconds(1)).micros());
    }

    @Test
    void awaitAllGivesTheLatestFirstEventOfEachName() throws Exception {
        Path file = dir.resolve("probe.log");
        append(file, "STARTED a 10\nSTARTED b 30\nSTARTED x 99\nSTARTED a 50\nSTARTED c 20\n");
        ProbeLog log = new ProbeLog(file, () -> true);
        assertEquals(30, log.awaitAll(0, "STARTED", List.of("a", "b", "c"), Duration.ofSeconds(1)));
    }

    @Test
    void givesUpAtTheBoundOrWhenTheRuntimeIsGone() throws IOException {
        Path file = dir.resolve("probe.log");
        append(file, "STARTED a 10\n");
        IOException late = assertThrows(IOException.class,
                () -> new ProbeLog(file, () -> true).awaitAll(0, "STARTED", List.of("a", "b"), Duration.ofMillis(20)));
        assertTrue(late.getMessage().contains("within"), late.getMessage());
        IOException gone = assertThrows(IOException.class,
                () -> new ProbeLog(file, () -> false).await(0, "UNINSTALLED", "a", Duration.ofSeconds(60)));
        assertTrue(gone.getMessage().contains("exited"), gone.getMessage());
    }
}
