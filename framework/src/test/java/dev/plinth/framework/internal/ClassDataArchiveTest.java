package dev.plinth.framework.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassDataArchiveTest {

    @TempDir
    Path cds;

    /**
     * This JVM's java and class path: the class list is really written; the dump fails (a class path of folders), as
     * the decisions are what is tested here, the dump is the JVM's.
     */
    private ClassDataArchive archive(boolean mapped) {
        return archive(mapped, System.getProperty("java.class.path"));
    }

    private ClassDataArchive archive(boolean mapped, String classPath) {
        return new ClassDataArchive(cds.resolve("plinth.jsa"), mapped,
                Path.of(System.getProperty("java.home"), "bin", "java"), classPath, List.of("-XX:+UseSerialGC"),
                cds.resolve("system"));
    }

    /** A make that never completes: its java is not there. */
    private ClassDataArchive withoutJava() {
        return new ClassDataArchive(cds.resolve("plinth.jsa"), false, cds.resolve("no-java"),
                System.getProperty("java.class.path"), List.of("-XX:+UseSerialGC"), cds.resolve("system"));
    }

    /** An archive as a make leaves it: its size recorded after it was written. */
    private void made(String content) throws Exception {
        Path archive = cds.resolve("plinth.jsa");
        Files.writeString(archive, content);
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(cds.resolve("plinth.jsa.size"), content.length() + "\n");
    }

    private static void refreshed(Optional<Process> making) throws Exception {
        assertTrue(making.isPresent(), "made again");
        assertTrue(making.get().waitFor(30, TimeUnit.SECONDS));
    }

    @Test
    void keepsTheClassesAndTheirLambdasAndLeavesOutBundleLambdasAndAHalfWrittenLine() {
        String loaded = """
                # NOTE: Do not modify this file.
                java/lang/Object id: 0
                org/apache/felix/framework/Felix
                @lambda-proxy org/apache/felix/framework/Felix run ()Ljava/lang/Runnable;
                @lambda-proxy dev/plinth/rest/internal/EventStream accept ()Ljava/util/function/Consumer;
                @lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L
                org/apache/felix/framework/Bund""";

        assertEquals("""
                # NOTE: Do not modify this file.
                java/lang/Object id: 0
                org/apache/felix/framework/Felix
                @lambda-proxy org/apache/felix/framework/Felix run ()Ljava/lang/Runnable;
                @lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L_L
                """, ClassDataArchive.usable(loaded));
    }

    @Test
    void aMappedArchiveIsLeftAsItIs() throws Exception {
        Files.writeString(cds.resolve(ClassDataArchive.REFUSED), "before\n");

        assertEquals(Optional.empty(), archive(true).refresh());
        assertFalse(Files.exists(cds.resolve(ClassDataArchive.REFUSED)), "a refusal of before is forgotten");
    }

    @Test
    void withoutAnArchiveTheListOfThisStartIsKeptAndTheArchiveMade() throws Exception {
        Files.writeString(cds.resolve(ClassDataArchive.LOADED), "java/lang/Object id: 0\n");

        Optional<Process> making = archive(false).refresh();

        assertTrue(making.isPresent(), "an archive is being made");
        assertTrue(making.get().waitFor(30, TimeUnit.SECONDS));
        assertEquals("java/lang/Object id: 0\n", Files.readString(cds.resolve(ClassDataArchive.CLASS_LIST)));
        assertFalse(Files.exists(cds.resolve(ClassDataArchive.LOADED)), "the JVM's list is consumed");
    }

    @Test
    void aRefusedArchiveWithoutAListIsDiscardedSoThatTheNextStartListsItsClasses() throws Exception {
        Files.writeString(cds.resolve("plinth.jsa"), "damaged");

        assertEquals(Optional.empty(), archive(false).refresh());
        assertFalse(Files.exists(cds.resolve("plinth.jsa")));
    }

    @Test
    void anArchiveAsMadeRefusedAgainIsLeftAloneUntilTheJarsChange() throws Exception {
        Path jar = Files.writeString(cds.resolve("launcher.jar"), "jar");
        Files.writeString(cds.resolve(ClassDataArchive.CLASS_LIST), "java/lang/Object id: 0\n");
        made("an archive the JVM refuses");

        refreshed(archive(false, jar.toString()).refresh());
        assertEquals(Optional.empty(), archive(false, jar.toString()).refresh(), "refused again, as made");

        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
        refreshed(archive(false, jar.toString()).refresh());
    }

    @Test
    void anArchiveDamagedAfterItsMakeIsMadeAgainAtEachRefusalUntilAMakeCompletes() throws Exception {
        Files.writeString(cds.resolve(ClassDataArchive.CLASS_LIST), "java/lang/Object id: 0\n");
        made("an archive the JVM refuses");
        refreshed(withoutJava().refresh());

        Files.writeString(cds.resolve("plinth.jsa"), "an archive damaged after its make");
        refreshed(withoutJava().refresh());
        refreshed(withoutJava().refresh()); // no make completed: the archive is as damaged as before
    }

    @Test
    void aFolderWhereTheRecordsGoIsLeftAloneAndNoArchiveMade() throws Exception {
        Files.writeString(cds.resolve(ClassDataArchive.CLASS_LIST), "java/lang/Object id: 0\n");
        Files.writeString(cds.resolve("plinth.jsa"), "damaged");
        Files.createDirectories(cds.resolve("plinth.jsa.size"));

        assertEquals(Optional.empty(), archive(false).refresh());
        assertEquals(List.of(), Files.list(cds.resolve("plinth.jsa.size")).toList());
    }
}
