package dev.plinth.framework.cli;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import org.osgi.framework.BundleContext;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.client.Frames;
import dev.plinth.framework.client.Hello;

/**
 * {@code bin/plinth exec} and piped commands sent through the socket: run in a Gogo session of their own by the
 * same {@link CommandRunner} as in a runtime of their own, so output and exit status follow the same rules.
 */
final class SocketCommands {

    private static final Duration SHELL_WAIT = Duration.ofSeconds(30);
    /** The history's origin of what {@code bin/plinth} runs through the socket. */
    static final String ORIGIN = "cli";

    private final BundleContext context;
    private final Hello hello;
    private final DataInputStream in;
    private final DataOutputStream out;

    SocketCommands(BundleContext context, Hello hello, DataInputStream in, DataOutputStream out) {
        this.context = context;
        this.hello = hello;
        this.in = in;
        this.out = out;
    }

    /** Runs the commands; the exit status for the client. */
    int run() {
        FrameInput input = FrameInput.start(in);
        Thread runner = Thread.currentThread();
        AtomicBoolean running = new AtomicBoolean(true);
        Runnable interrupt = () -> {
            synchronized (running) {
                if (running.get()) {
                    runner.interrupt();
                }
            }
        };
        input.onInterrupt(interrupt);
        input.onDisconnect(interrupt);
        PrintStream commandOut = stream(Frames.STDOUT, !hello.hasFlag(Frames.FLAG_TERMINAL));
        PrintStream commandErr = stream(Frames.STDERR, false);
        try (GogoSession session = GogoSession.open(context, input, commandOut, commandErr, SHELL_WAIT,
                directory(hello.directory()))) {
            session.origin(ORIGIN);
            CommandRunner commands = new CommandRunner(session, commandOut, commandErr);
            boolean succeeded = Frames.EXEC.equals(hello.mode()) ? commands.run(hello.program())
                    : commands.runLines(new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8)));
            return (succeeded ? ExitStatus.OK : ExitStatus.COMMAND_FAILED).code();
        } catch (Exception e) {
            commandErr.println("plinth: " + e.getMessage());
            return ExitStatus.COMMAND_FAILED.code();
        } finally {
            commandOut.flush();
            commandErr.flush();
            synchronized (running) {
                running.set(false);
                Thread.interrupted();
            }
        }
    }

    /** The client's working directory, when it gave an absolute one that is a directory here. */
    private static Path directory(String name) {
        try {
            Path directory = Path.of(name);
            return directory.isAbsolute() && Files.isDirectory(directory) ? directory : null;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private PrintStream stream(byte type, boolean stripAnsi) {
        OutputStream frames = Frames.output(out, type);
        return new PrintStream(stripAnsi ? new AnsiStrippingOutputStream(frames) : frames, true,
                StandardCharsets.UTF_8);
    }
}
