package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainFloorSessionTest {

    @Test
    void felixAloneKeepsInstallsResolvesAndStartsAChainAndTheRunsFoldersGoWithTheSession(@TempDir Path work)
            throws Exception {
        List<Path> chain = BundleJars.chain(work.resolve("chain"), 3);
        Path options = Files.writeString(work.resolve("jvm.options"), "-XX:+UseSerialGC # as Plinth's\n");
        Path floor = work.resolve("floor");
        Map<String, Double> first;
        Map<String, Double> second;
        try (ChainFloorSession session = new ChainFloorSession(Path.of(System.getProperty("java.home")), options,
                work.resolve("felix-on-the-class-path.jar"), floor, chain.get(0).getParent())) {
            first = session.run(3, Duration.ofMinutes(2));
            second = session.run(2, Duration.ofMinutes(2));
            assertTrue(Files.isDirectory(floor.resolve("run-2/kept")));
            try (Stream<Path> kept = Files.list(floor.resolve("run-1/kept"))) {
                assertEquals(3, kept.count());
            }
        }

        assertEquals(ChainFloor.PHASES, List.copyOf(first.keySet()));
        List<Double> ends = List.copyOf(first.values());
        for (int i = 1; i < ends.size(); i++) {
            assertTrue(ends.get(i) >= ends.get(i - 1), ends.toString());
        }
        assertTrue(ends.get(0) > 0, ends.toString());
        assertEquals(ChainFloor.PHASES, List.copyOf(second.keySet()));
        try (Stream<Path> left = Files.list(floor)) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void aLineOfTheProgramIsEachPhasesEndInMilliseconds() throws IOException {
        Map<String, Double> ends = ChainFloorSession.parse("FLOOR 2000 300000 1500000 1700000 1720500", 2000);

        assertEquals(ChainFloor.PHASES, List.copyOf(ends.keySet()));
        assertEquals(List.of(300.0, 1500.0, 1700.0, 1720.5), List.copyOf(ends.values()));
    }

    @Test
    void aLineOfAnotherShapeOrAnotherSizeIsAnError() {
        assertThrows(IOException.class, () -> ChainFloorSession.parse("FLOOR 100 1000 5000", 100));
        assertThrows(IOException.class, () -> ChainFloorSession.parse("FLOOR 100 a b c d", 100));
        assertThrows(IOException.class, () -> ChainFloorSession.parse("FLOOR 500 1 2 3 4", 100));
        assertThrows(IOException.class, () -> ChainFloorSession.parse("F", 100));
    }

    @Test
    void theRuntimesJvmOptionsAreItsWordsWithoutComments(@TempDir Path home) throws IOException {
        Path file = home.resolve("jvm.options");
        Files.writeString(file, "# the collector\n-XX:+UseSerialGC\n\n-Xms16m   -XX:NewRatio=3 # young\n"
                + "# -XX:TieredStopAtLevel=1\n");

        assertEquals(List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:NewRatio=3"), ChainFloorSession.options(file));
    }

    @Test
    void aProgramThatEndsIsAFailureSaidAtOnceNotAfterTheBound(@TempDir Path work) throws Exception {
        Path options = Files.writeString(work.resolve("jvm.options"), "-Xshare:auto\n");
        try (ChainFloorSession session = new ChainFloorSession(Path.of(System.getProperty("java.home")), options,
                work.resolve("no-felix.jar"), work.resolve("floor"), work.resolve("no-chain"))) {
            long started = System.nanoTime();
            IOException failure = assertThrows(IOException.class, () -> session.run(100, Duration.ofMinutes(5)));

            assertTrue(failure.getMessage().contains("ended with 1"), failure.getMessage());
            assertTrue(failure.getMessage().contains("no-chain"), failure.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMinutes(1)) < 0);
            assertTrue(session.failed());
        }
    }
}
