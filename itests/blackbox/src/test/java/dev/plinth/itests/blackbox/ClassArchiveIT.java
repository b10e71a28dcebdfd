package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime's class data archive (data/cds/plinth.jsa): made after the first start, mapped by the next, made again
 * when it is damaged, stale or from another JDK, and never a word about it on the console.
 */
class ClassArchiveIT {

    private static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path unpacked;

    private Plinth plinth;
    private Path archive;
    private Path refused;

    @BeforeEach
    void firstStartMakesTheArchive() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked)).withClassArchive();
        archive = plinth.home().resolve("data/cds/plinth.jsa");
        refused = plinth.home().resolve("data/cds/plinth.jsa.refused");
        assertClean(plinth.run(null, "exec", "lb -s"));
        awaitArchive();
    }

    @Test
    void theNextStartMapsTheArchiveAndLeavesItAsItIs() throws Exception {
        FileTime made = Files.getLastModifiedTime(archive);
        assertTrue(Files.readString(plinth.home().resolve("data/cds/plinth.classlist"))
                .contains("org/apache/felix/scr/impl/Activator id: "), "bundle classes listed too");

        assertClean(plinth.run(null, "exec", "lb -s"));

        assertFalse(Files.exists(refused), "the JVM mapped the archive");
        assertFalse(Files.exists(plinth.home().resolve("data/cds/loaded.classlist")), "no classes listed");
        assertEquals(made, Files.getLastModifiedTime(archive), "not made again");
    }

    @Test
    void aDamagedArchiveIsLeftOutSilentlyAndMadeAgain() throws Exception {
        long size = Files.size(archive);
        archive.toFile().setWritable(true);
        try (RandomAccessFile file = new RandomAccessFile(archive.toFile(), "rw")) {
            file.seek(size / 2);
            file.write(new byte[4096]);
        }
        FileTime damaged = Files.getLastModifiedTime(archive);

        assertClean(plinth.run(null, "exec", "lb -s"));

        assertFalse(Files.exists(refused), "a damaged archive is no refusal to remember: it is made at each one");
        RestRuntime.await(() -> modifiedAfter(damaged), "archive made again");
        assertClean(plinth.run(null, "exec", "lb -s"));
        assertFalse(Files.exists(refused), "the archive made again is mapped (a refusal of it would be recorded)");
    }

    @Test
    void aCutArchiveIsLeftOutSilentlyAndMadeAgain() throws Exception {
        byte[] whole = Files.readAllBytes(archive);
        archive.toFile().setWritable(true);
        Files.write(archive, Arrays.copyOf(whole, 1_000_000));
        FileTime cut = Files.getLastModifiedTime(archive);

        assertClean(plinth.run(null, "exec", "lb -s"));

        RestRuntime.await(() -> modifiedAfter(cut) && archive.toFile().length() > 1_000_000, "archive made again");
        assertClean(plinth.run(null, "exec", "lb -s"));
    }

    @Test
    void aListThatIsALinkIsReplacedNotWrittenThrough() throws Exception {
        Files.delete(archive);
        Path elsewhere = Files.writeString(unpacked.resolve("elsewhere.txt"), "not the runtime's\n");
        Files.createSymbolicLink(plinth.home().resolve("data/cds/loaded.classlist"), elsewhere);

        assertClean(plinth.run(null, "exec", "lb -s"));

        assertEquals("not the runtime's\n", Files.readString(elsewhere));
        awaitArchive();
    }

    @Test
    void anArchiveOlderThanTheLauncherIsMadeAgain() throws Exception {
        FileTime launcher = Files.getLastModifiedTime(plinth.home().resolve("lib/plinth-framework.jar"));
        FileTime stale = FileTime.fromMillis(launcher.toMillis() - 60_000);
        Files.setLastModifiedTime(archive, stale);

        assertClean(plinth.run(null, "exec", "lb -s"));

        RestRuntime.await(() -> modifiedAfter(stale), "archive made again");
    }

    @Test
    void anArchiveOfAnotherJdkIsLeftOutSilentlyAndMadeAgainForThisOne() throws Exception {
        assumeTrue(Files.isExecutable(TEMURIN_25.resolve("bin/java")), "a second JDK at " + TEMURIN_25);
        FileTime madeBy17 = Files.getLastModifiedTime(archive);
        plinth.env("JAVA_HOME", TEMURIN_25.toString());

        assertClean(plinth.run(null, "exec", "lb -s"));

        assertTrue(Files.exists(refused), "the JVM refused the archive of another JDK");
        RestRuntime.await(() -> modifiedAfter(madeBy17), "archive made again for the other JDK");
        assertClean(plinth.run(null, "exec", "lb -s"));
        assertFalse(Files.exists(refused), "the archive of this JDK is mapped");
    }

    @Test
    void optionsThatChooseSharingThemselvesLeaveTheArchiveOut() throws Exception {
        Files.delete(archive);
        plinth.env("PLINTH_OPTS", "-Xshare:off");

        assertClean(plinth.run(null, "exec", "lb -s"));

        assertFalse(Files.exists(archive), "no archive made");
        assertFalse(Files.exists(plinth.home().resolve("data/cds/loaded.classlist")), "no classes listed");
    }

    @Test
    void aListTheJvmCouldNotWriteLeavesTheArchiveOut() throws Exception {
        Files.delete(archive);
        Files.createDirectory(plinth.home().resolve("data/cds/loaded.classes"));

        assertClean(plinth.run(null, "exec", "lb -s"));

        assertFalse(Files.exists(archive), "no archive made");
    }

    /** Exit 0, the commands' output, and only the ready line on standard error: no JVM warnings. */
    private static void assertClean(Plinth.Result result) {
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("org.apache.felix.scr"), result.toString());
        List<String> stderr = result.err().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, stderr.size(), "only the ready line on standard error:\n" + result);
        assertTrue(Plinth.READY.matcher(stderr.get(0)).matches(), result.toString());
        assertFalse(result.out().toLowerCase().contains("cds"), result.toString());
    }

    private void awaitArchive() throws InterruptedException {
        RestRuntime.await(() -> Files.isRegularFile(archive), "class data archive");
    }

    private boolean modifiedAfter(FileTime time) {
        try {
            return Files.getLastModifiedTime(archive).compareTo(time) > 0;
        } catch (IOException e) {
            return false;
        }
    }
}
