package dev.plinth.framework.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.PlinthException;
import dev.plinth.framework.cli.Arguments.Mode;

class ArgumentsTest {

    private static final Path HOME = Path.of("/opt/plinth");

    @Test
    void noArgumentsMeansConsoleOnATerminalAndBatchOtherwise() {
        assertEquals(Mode.CONSOLE, Arguments.parse(List.of(), HOME, true).mode());
        assertEquals(Mode.BATCH, Arguments.parse(List.of(), HOME, false).mode());
    }

    @Test
    void execJoinsTheRestIntoOneProgram() {
        Arguments args = Arguments.parse(List.of("--clean", "exec", "lb", "|", "grep", "scr"), HOME, true);
        assertEquals(Mode.EXEC, args.mode());
        assertEquals("lb | grep scr", args.commands());
        assertTrue(args.clean());
    }

    @Test
    void homeOptionReplacesTheDefault() {
        Arguments args = Arguments.parse(List.of("--home", "/srv/p", "daemon"), HOME, false);
        assertEquals(Path.of("/srv/p"), args.home());
        assertEquals(Mode.DAEMON, args.mode());
        assertFalse(args.clean());
    }

    @Test
    void mistakesAreUsageErrors() {
        for (List<String> wrong : List.of(List.of("exec"), List.of("frobnicate"), List.of("--nope"),
                List.of("daemon", "extra"), List.of("--home"))) {
            PlinthException error = assertThrows(PlinthException.class, () -> Arguments.parse(wrong, HOME, true),
                    wrong.toString());
            assertEquals(ExitStatus.USAGE, error.status());
            assertTrue(error.getMessage().contains("usage: plinth"), error.getMessage());
        }
    }

    @Test
    void statusLinesGoToStandardErrorWhenCommandsOwnStandardOutput() {
        assertTrue(Mode.EXEC.commandsOnStdout());
        assertTrue(Mode.BATCH.commandsOnStdout());
        assertFalse(Mode.CONSOLE.commandsOnStdout());
        assertFalse(Mode.DAEMON.commandsOnStdout());
    }
}
