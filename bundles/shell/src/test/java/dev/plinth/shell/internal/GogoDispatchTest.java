package dev.plinth.shell.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.plinth.api.Options;

/** Runs the commands through a real Gogo command processor, as {@code bin/plinth exec} does. */
class GogoDispatchTest {

    private static final List<String> FUNCTIONS = List.of("list", "info", "install", "enable", "disable", "upgrade",
            "rollback", "remove", "history", "why");

    @TempDir
    Path dir;

    private final PluginCommandsTest.FakeManager manager = new PluginCommandsTest.FakeManager();
    private final ThreadIOImpl threadIO = new ThreadIOImpl();
    private CommandSession session;

    @BeforeEach
    void open() {
        threadIO.start();
        CommandProcessorImpl processor = new CommandProcessorImpl(threadIO);
        PluginCommands commands = new PluginCommands(manager, null);
        FUNCTIONS.forEach(function -> processor.addCommand("plugin", commands, function));
        processor.addCommand("plugin", new StorageCommands(new FakeStorage().with(FakeStorage.upgradedNotes())),
                "storage");
        processor.addConverter(new ShellFormatter(ZoneOffset.UTC));
        session = processor.createSession(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream(),
                new ByteArrayOutputStream());
        session.currentDir(dir);
    }

    @AfterEach
    void close() {
        session.close();
        threadIO.stop();
    }

    private String run(String program) throws Exception {
        return session.format(session.execute(program), Converter.INSPECT).toString();
    }

    @Test
    void flagsAndArgumentsReachTheRightParameters() throws Exception {
        Files.createFile(dir.resolve("greeter.jar"));
        assertEquals("Plan for install greeter (simulated, nothing changed):\n  1. start greeter 1.0.0\nRefresh: none",
                run("plugin:install -s --enable greeter.jar"));
        assertEquals(new Options(true, false, true, Origins.current()), manager.options);
        assertEquals(dir.resolve("greeter.jar").toUri(), manager.source);

        assertEquals("Remove a-plugin: done.\n  1. start a-plugin 1.0.0\nRefresh: none",
                run("plugin:remove --cascade a-plugin"));
        assertEquals(new Options(false, true, false, Origins.current()), manager.options);

        run("plugin:remove --purge a-plugin");
        assertEquals(Options.DEFAULT.withOrigin(Origins.current()).withPurge(true), manager.options);
    }

    @Test
    void severalArchivesOrIdsAreOneBatch() throws Exception {
        Files.createFile(dir.resolve("a.jar"));
        Files.createFile(dir.resolve("b.jar"));
        assertEquals("Install: all 2 done.\n"
                + "ITEM" + " ".repeat(dir.resolve("a.jar").toUri().toString().length() - 2)
                + "PLUGIN  VERSION  OUTCOME  MESSAGE", run("plugin:install --enable a.jar b.jar").lines().limit(2)
                        .reduce((first, second) -> first + "\n" + second).orElseThrow().stripTrailing());
        assertEquals(List.of(dir.resolve("a.jar").toUri(), dir.resolve("b.jar").toUri()), manager.batch);
        assertEquals(new Options(false, false, true, Origins.current()), manager.options);

        assertEquals(4, run("plugin:remove --cascade a b").lines().count());
        assertEquals(List.of("a", "b"), manager.batch);
        assertEquals(new Options(false, true, false, Origins.current()), manager.options);
    }

    @Test
    void aBatchWithAFailedItemFailsWithItsReport() throws Exception {
        Exception failure = assertThrows(Exception.class, () -> session.execute("plugin:remove a bad c"));
        assertTrue(failure.getMessage().startsWith("Remove: 1 of 3 failed, the others done.\n"), failure.getMessage());
        assertTrue(failure.getMessage().contains("bad   -       -        failed   bad is not a bundle"),
                failure.getMessage());
    }

    @Test
    void aLongBatchIsOneCommand() throws Exception {
        StringBuilder program = new StringBuilder("plugin:remove");
        for (int i = 0; i < 2000; i++) {
            program.append(" plugin.p").append(i);
        }
        assertTrue(run(program.toString()).startsWith("Remove: all 2000 done.\n"));
        assertEquals(2000, manager.batch.size());
    }

    @Test
    void aBatchDryRunAsksTheManagerForThePlanAndShowsWhatWouldBeDone() throws Exception {
        String out = run("plugin:remove -s a b");

        assertTrue(manager.options.simulate());
        assertEquals(List.of("a", "b"), manager.batch);
        assertTrue(out.startsWith("Nothing to do for 2 plugins (simulated, nothing changed).\n"), out);
        assertTrue(out.contains("a     a       1.0.0    would be done"), out);
    }

    @Test
    void listOptionsSelectTheRows() throws Exception {
        assertEquals("ID        VERSION  STATE    KIND    NAME\na-plugin  1.0.0    enabled  plugin  A",
                run("plugin:list"));
        assertEquals(4, run("plugin:list -a").lines().count());
        assertEquals('[', run("plugin:list --all --json").charAt(0));
    }

    @Test
    void storageTakesAnOptionalIdAndJson() throws Exception {
        assertEquals("ID                         BACKEND  SIZE      SCHEMA  KEPT\n"
                + "dev.plinth.sample.storage  h2       24.0 KiB  3       no", run("plugin:storage"));
        assertTrue(run("plugin:storage dev.plinth.sample.storage").startsWith("Storage:\n  Backend:         h2\n"));
        assertEquals('[', run("plugin:storage --json").charAt(0));
        assertEquals('{', run("plugin:storage --json dev.plinth.sample.storage").charAt(0));
        Exception failure = assertThrows(Exception.class, () -> session.execute("plugin:storage other"));
        assertEquals("no storage for other (plugin:storage lists the plugins that have some)", failure.getMessage());
    }

    @Test
    void historyTakesALimit() throws Exception {
        assertEquals("No operations yet.", run("plugin:history -n 5"));
        assertEquals(5, manager.limit);
        run("plugin:history");
        assertEquals(20, manager.limit);
    }

    @Test
    void failuresReachTheCallerWithTheirMessage() {
        Exception failure = assertThrows(Exception.class, () -> session.execute("plugin:info nothing"));
        assertEquals("no plugin nothing", failure.getMessage());
        assertEquals("z-system 1.0.0 is resolved.", assertDoesNotThrow(() -> run("plugin:why z-system")));
    }

    @Test
    void aMissingArchiveIsReportedWithItsPath() throws IOException {
        Exception failure = assertThrows(Exception.class, () -> session.execute("plugin:upgrade a-plugin nope.jar"));
        assertEquals("no such file: " + dir.resolve("nope.jar"), failure.getMessage());
    }
}
