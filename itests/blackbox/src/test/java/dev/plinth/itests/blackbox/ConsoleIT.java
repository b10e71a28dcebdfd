package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive console, on a real terminal: {@code script} gives bin/plinth a pseudo-terminal
 * (of 120 by 40 characters, as a terminal window has a size) and relays what the test types.
 */
class ConsoleIT {

    @TempDir
    Path unpacked;

    private Plinth.Running console;

    @BeforeEach
    void requireScript() {
        boolean script = Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "script")));
        assumeTrue(script, "the console test needs script(1) to make a terminal");
    }

    @AfterEach
    void cleanUp() {
        if (console != null) {
            console.kill();
        }
    }

    private Plinth.Running openConsole() throws Exception {
        Path home = Distribution.unpack(unpacked);
        Plinth plinth = new Plinth(home).env("TERM", "xterm");
        String command = "stty cols 120 rows 40; exec '" + home.resolve("bin/plinth") + "'";
        return plinth.startWrapped("script", "-qefc", command, "/dev/null");
    }

    @Test
    void readyLineComesFirstThenThePromptAndShutdownEndsWithZero() throws Exception {
        console = openConsole();
        console.awaitOutput(Pattern.compile("plinth> "), Plinth.BOUND);
        String beforePrompt = console.out().substring(0, console.out().indexOf("plinth> "));
        assertTrue(Plinth.READY.matcher(beforePrompt).find(), "ready line before the prompt:\n" + console.out());
        console.write("lb -s\r");
        console.awaitOutput(Pattern.compile("org\\.apache\\.felix\\.gogo\\.jline"), Plinth.BOUND);
        console.write("shutdown\r");
        Plinth.Result result = console.await(Plinth.BOUND);
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("Plinth stopped"), result.toString());
    }

    @Test
    void aRefusalPrintsErrorAndTheMessageNotAnExceptionName() throws Exception {
        console = openConsole();
        console.awaitOutput(Pattern.compile("plinth> "), Plinth.BOUND);
        console.write("plugin:enable org.example.none\r");
        console.awaitOutput(Pattern.compile("Error: [^\r\n]*org\\.example\\.none"), Plinth.BOUND);
        assertFalse(console.out().contains("CommandFailedException"), console.out());
        console.write("shutdown\r");
        assertEquals(0, console.await(Plinth.BOUND).exit());
    }

    @Test
    void ctrlDStopsPlinth() throws Exception {
        console = openConsole();
        console.awaitOutput(Pattern.compile("plinth> "), Plinth.BOUND);
        console.write("\u0004");
        Plinth.Result result = console.await(Plinth.BOUND);
        assertEquals(0, result.exit(), result.toString());
        assertTrue(result.out().contains("Plinth stopped"), result.toString());
    }
}
