package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/plinth}, {@code exec} and piped commands on a home whose runtime runs in the background
 * ({@code bin/plinth start}): they reach it through its socket, {@code data/plinth.sock}, instead of starting
 * another. Consoles run on a real terminal: {@code script} gives them a pseudo-terminal.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttachIT {

    private static final Pattern PROMPT = Pattern.compile("plinth> ");

    @TempDir
    static Path unpacked;

    private static Plinth plinth;
    private static String runtimePid;

    private final List<Plinth.Running> consoles = new ArrayList<>();

    @BeforeAll
    static void startInTheBackground() throws Exception {
        plinth = new Plinth(Distribution.unpack(unpacked)).env("TERM", "xterm");
        Plinth.Result start = plinth.run(null, "start");
        assertEquals(0, start.exit(), start.toString());
        runtimePid = Files.readString(plinth.home().resolve("data/plinth.pid")).strip();
    }

    @AfterAll
    static void stop() throws Exception {
        if (plinth != null) {
            plinth.run(null, "stop");
        }
    }

    @AfterEach
    void closeConsoles() {
        consoles.forEach(Plinth.Running::kill);
    }

    @Test
    @Order(1)
    void execRunsInTheRunningRuntimeWithTheExitStatusOfItsCommands() throws Exception {
        Plinth.Result list = plinth.run(null, "exec", "plugin:list");
        assertEquals(0, list.exit(), list.toString());
        assertTrue(list.out().contains("No plugins installed"), list.toString());
        assertFalse(Plinth.READY.matcher(list.out() + list.err()).find(), "no second runtime started:\n" + list);

        Plinth.Result failing = plinth.run(null, "exec", "echo one; nosuch:command; echo two");
        assertEquals(1, failing.exit(), failing.toString());
        assertTrue(failing.out().contains("one"), failing.toString());
        assertFalse(failing.out().contains("two"), "stops at the first failure:\n" + failing);
        assertTrue(failing.err().contains("Error: Command not found: nosuch:command"), failing.toString());

        Plinth.Result context = plinth.run(null, "exec", "$.context bundle 0");
        assertEquals(0, context.exit(), context.toString());
        assertTrue(context.out().contains("org.apache.felix.framework"), context.toString());
        assertEquals(runtimePid, Files.readString(plinth.home().resolve("data/plinth.pid")).strip());
    }

    @Test
    @Order(2)
    void pipedCommandsRunInTheRunningRuntimeEveryLineAndFailWhenOneFailed() throws Exception {
        Plinth.Result piped = plinth.run("echo first\n# a comment\nnosuch:command\necho last\n");
        assertEquals(1, piped.exit(), piped.toString());
        assertTrue(piped.out().contains("first") && piped.out().contains("last"), piped.toString());
        assertTrue(piped.err().contains("Command not found: nosuch:command"), piped.toString());

        Plinth.Result succeeding = plinth.run("echo fine\n");
        assertEquals(0, succeeding.exit(), succeeding.toString());
        assertEquals("fine\n", succeeding.out(), succeeding.toString());
    }

    @Test
    @Order(2)
    void ctrlCDuringExecInterruptsTheCommandInTheRuntimeNotTheRuntime() throws Exception {
        Plinth.Running exec = plinth.start("exec", "echo started; sleep 600; echo never");
        exec.awaitOutput(Pattern.compile("started"), Plinth.BOUND);
        exec.signal("INT");
        Plinth.Result interrupted = exec.await(Plinth.BOUND);
        assertEquals(1, interrupted.exit(), interrupted.toString());
        assertTrue(interrupted.err().contains("Error: "), interrupted.toString());
        assertFalse(interrupted.out().contains("never"), interrupted.toString());
        assertStillRunning();
    }

    @Test
    @Order(2)
    void infoWhyAndDeployStatusAreShellCommandsRunThroughTheSocket() throws Exception {
        Plinth.Result info = plinth.run(null, "info", "org.example.none");
        assertEquals(1, info.exit(), info.toString());
        assertTrue(info.err().contains("Error: no plugin org.example.none is installed"), info.toString());

        Plinth.Result deployStatus = plinth.run(null, "deploy-status");
        assertEquals(0, deployStatus.exit(), deployStatus.toString());
        assertTrue(deployStatus.out().contains("No jars in"), deployStatus.toString());

        Plinth.Result injected = plinth.run(null, "why", "x; shutdown");
        assertEquals(1, injected.exit(), injected.toString());
        assertTrue(injected.err().contains("Error: ") && injected.err().contains("x; shutdown"), injected.toString());
        assertStillRunning();
    }

    @Test
    @Order(3)
    void theSocketIsTheOwnersOnlyAndNothingOfItsMakingIsLeftAround() throws Exception {
        Path socket = plinth.home().resolve("data/plinth.sock");
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "the runtime's socket exists");
        assertFalse(Files.isRegularFile(socket, LinkOption.NOFOLLOW_LINKS), "a socket, not a file");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
        try (Stream<Path> data = Files.list(plinth.home().resolve("data"))) {
            assertEquals(List.of(), data.filter(path -> path.getFileName().toString().startsWith(".sock"))
                    .toList(), "no staging directory left");
        }
    }

    @Test
    @Order(4)
    void anotherUserIsRefusedByTheFileModeAndByItsCredentials() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")) && onPath("runuser"),
                "running the client as another user needs root and runuser(1)");
        for (Path directory = plinth.home().resolve("data"); directory != null; directory = directory.getParent()) {
            makeTraversable(directory);
        }
        Path socket = plinth.home().resolve("data/plinth.sock");

        Plinth.Result byClient = asNobody("exec", "echo secret");
        assertEquals(3, byClient.exit(), byClient.toString());
        assertTrue(byClient.err().contains("it belongs to user id 0, not to you"), byClient.toString());
        assertFalse(byClient.out().contains("secret"), byClient.toString());

        Path connect = unpacked.resolve("Connect.java");
        Files.writeString(connect, CONNECT);
        makeTraversable(unpacked);
        Files.setPosixFilePermissions(connect, PosixFilePermissions.fromString("rw-r--r--"));
        Plinth.Result byMode = asNobodyRunning("java", connect.toString(), socket.toString());
        assertTrue(byMode.out().contains("Permission denied"), byMode.toString());

        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
        try {
            Plinth.Result byCredentials = asNobodyRunning("java", connect.toString(), socket.toString());
            assertTrue(byCredentials.out().contains("refused: the runtime on this home runs as root, not as nobody"),
                    byCredentials.toString());
            assertFalse(byCredentials.out().contains("secret"), byCredentials.toString());
        } finally {
            Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /**
     * A client of another user's that skips the owner check of Plinth's client: it connects and prints what comes
     * back before it has said anything (or why it could not connect).
     */
    private static final String CONNECT = """
            import java.io.IOException;
            import java.net.StandardProtocolFamily;
            import java.net.UnixDomainSocketAddress;
            import java.nio.channels.*;
            import java.nio.charset.StandardCharsets;

            public class Connect {
                public static void main(String[] args) throws Exception {
                    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                        channel.connect(UnixDomainSocketAddress.of(args[0]));
                        System.out.println(new String(Channels.newInputStream(channel).readAllBytes(),
                                StandardCharsets.ISO_8859_1));
                    } catch (IOException e) {
                        System.out.println(e.getMessage());
                    }
                }
            }
            """;

    private static Plinth.Result asNobodyRunning(String... program) throws Exception {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--"));
        command.addAll(List.of(program));
        Plinth.Running running;
        try {
            running = plinth.workingDirectory(Path.of("/")).startWrapped(command.toArray(String[]::new));
        } finally {
            plinth.workingDirectory(null);
        }
        running.closeInput();
        return running.await(Plinth.BOUND);
    }

    @Test
    @Order(5)
    void theConsoleAttachesWithTheWindowSizeCompletesAndDetachesLeavingTheRuntimeRunning() throws Exception {
        Plinth.Running console = attach();
        console.awaitOutput(PROMPT, Plinth.BOUND);
        console.write("plugin:li\t");
        console.awaitOutput(Pattern.compile("plugin:list"), Plinth.BOUND);
        console.write("\r");
        console.awaitOutput(Pattern.compile("No plugins installed"), Plinth.BOUND);
        console.write("echo $COLUMNS x $LINES\r");
        console.awaitOutput(Pattern.compile("120 x 40"), Plinth.BOUND);
        console.write("french:greet Ada\r");
        console.awaitOutput(Pattern.compile("The catalogue plugin dev\\.plinth\\.sample\\.greeter\\.fr \\S+ provides it"),
                Plinth.BOUND);
        console.write("\u0004");
        Plinth.Result detached = console.await(Plinth.BOUND);
        assertEquals(0, detached.exit(), detached.toString());
        assertFalse(detached.out().contains("Plinth stopped"), detached.toString());
        assertFalse(detached.out().contains("CommandNotFoundException"), "the hint is the whole answer:\n" + detached);
        assertStillRunning();
    }

    @Test
    @Order(6)
    void ctrlCInterruptsTheRunningCommandNotTheRuntimeAndExitDetaches() throws Exception {
        Plinth.Running console = attach();
        console.awaitOutput(PROMPT, Plinth.BOUND);
        console.write("word = started\r");
        console.write("echo word-$word; sleep 600\r");
        console.awaitOutput(Pattern.compile("word-started"), Plinth.BOUND);
        console.write("\u0003");
        console.awaitOutput(Pattern.compile("InterruptedException"), Plinth.BOUND);
        console.write("echo after-$word\r");
        console.awaitOutput(Pattern.compile("after-started"), Plinth.BOUND);
        console.write("exit\r");
        assertEquals(0, console.await(Plinth.BOUND).exit());
        assertStillRunning();
    }

    @Test
    @Order(7)
    void twoConsolesAtOnceEachWithItsOwnSession() throws Exception {
        Plinth.Running first = attach();
        Plinth.Running second = attach();
        first.awaitOutput(PROMPT, Plinth.BOUND);
        second.awaitOutput(PROMPT, Plinth.BOUND);
        first.write("mine = alpha\r");
        second.write("mine = beta\r");
        first.write("echo first-$mine\r");
        second.write("echo second-$mine\r");
        first.awaitOutput(Pattern.compile("first-alpha"), Plinth.BOUND);
        second.awaitOutput(Pattern.compile("second-beta"), Plinth.BOUND);
        first.write("\u0004");
        assertEquals(0, first.await(Plinth.BOUND).exit());
        second.write("echo still-$mine\r");
        second.awaitOutput(Pattern.compile("still-beta"), Plinth.BOUND);
        second.write("\u0004");
        assertEquals(0, second.await(Plinth.BOUND).exit());
        assertStillRunning();
    }

    @Test
    @Order(8)
    void shutdownStopsThePlinthOnlyOnceConfirmed() throws Exception {
        Plinth.Running console = attach();
        console.awaitOutput(PROMPT, Plinth.BOUND);
        console.write("shutdown\r");
        console.awaitOutput(Pattern.compile("\\[y/N\\] "), Plinth.BOUND);
        console.write("n\r");
        console.awaitOutput(Pattern.compile("Plinth keeps running"), Plinth.BOUND);
        assertStillRunning();
        console.write("shutdown\r");
        console.awaitOutput(Pattern.compile("(?s)keeps running.*\\[y/N\\] "), Plinth.BOUND);
        console.write("y\r");
        assertEquals(0, console.await(Plinth.BOUND).exit());
        awaitEnd(runtimePid);
        assertEquals(3, plinth.run(null, "status").exit());
        assertFalse(Files.exists(plinth.home().resolve("data/plinth.sock"), LinkOption.NOFOLLOW_LINKS),
                "the socket goes with the runtime");
    }

    @Test
    @Order(9)
    void aSocketLeftByAKilledRuntimeIsReportedAndNeverBlocksTheNextStart() throws Exception {
        assertEquals(0, plinth.run(null, "start").exit());
        String killed = Files.readString(plinth.home().resolve("data/plinth.pid")).strip();
        new ProcessBuilder("kill", "-KILL", killed).inheritIO().start().waitFor();
        awaitEnd(killed);
        Path socket = plinth.home().resolve("data/plinth.sock");
        assertTrue(Files.exists(socket, LinkOption.NOFOLLOW_LINKS), "kill -9 leaves the socket");

        Process client = new ProcessBuilder("java", "-cp", plinth.home().resolve("lib/plinth-framework.jar").toString(),
                "dev.plinth.framework.client.SocketClient", "--data", plinth.home().resolve("data").toString(), "exec",
                "echo hi").redirectErrorStream(true).start();
        String report = new String(client.getInputStream().readAllBytes());
        assertEquals(3, client.waitFor(), report);
        assertTrue(report.contains("no runtime listens on it (a stale socket"), report);

        Plinth.Result ownRuntime = plinth.run(null, "exec", "echo alone");
        assertEquals(0, ownRuntime.exit(), ownRuntime.toString());
        assertTrue(ownRuntime.out().contains("alone"), ownRuntime.toString());

        assertEquals(0, plinth.run(null, "start").exit());
        runtimePid = Files.readString(plinth.home().resolve("data/plinth.pid")).strip();
        Plinth.Result through = plinth.run(null, "exec", "echo through");
        assertEquals(0, through.exit(), through.toString());
        assertEquals("through\n", through.out(), through.toString());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    }

    private static void awaitEnd(String pid) throws Exception {
        var process = ProcessHandle.of(Long.parseLong(pid));
        if (process.isPresent()) {
            process.get().onExit().get(Plinth.BOUND.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private Plinth.Running attach() throws Exception {
        String command = "stty cols 120 rows 40; exec '" + plinth.home().resolve("bin/plinth") + "'";
        assumeTrue(onPath("script"), "the console tests need script(1) to make a terminal");
        Plinth.Running console = plinth.startWrapped("script", "-qefc", command, "/dev/null");
        consoles.add(console);
        return console;
    }

    private static void assertStillRunning() throws Exception {
        Plinth.Result status = plinth.run(null, "status");
        assertEquals(0, status.exit(), status.toString());
        assertTrue(status.out().contains("pid " + runtimePid), status.toString());
    }

    private static Plinth.Result asNobody(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("runuser", "-u", "nobody", "--",
                plinth.home().resolve("bin/plinth").toString()));
        command.addAll(List.of(args));
        Plinth.Running running;
        try {
            running = plinth.workingDirectory(Path.of("/")).startWrapped(command.toArray(String[]::new));
        } finally {
            plinth.workingDirectory(null);
        }
        running.closeInput();
        return running.await(Plinth.BOUND);
    }

    private static void makeTraversable(Path directory) throws Exception {
        var permissions = Files.getPosixFilePermissions(directory);
        if (permissions.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
            Files.setPosixFilePermissions(directory, permissions);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
