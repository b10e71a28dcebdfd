package dev.plinth.framework.client;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code bin/plinth exec}, piped commands and the console against the runtime running on a home: sends them through
 * the runtime's socket, {@code data/plinth.sock}, and relays the output and the exit status. A small program: it
 * starts no framework and loads few classes, so that it answers in about the time a JVM takes to start.
 *
 * <pre>
 * SocketClient --data DIR exec PROGRAM | lines | console [SAVED_STTY ROWS_COLUMNS] | verb WORDS...
 * </pre>
 *
 * <p>{@code console} puts the terminal in raw mode itself unless the caller did and passes what it saved.
 *
 * <p>{@code verb} runs a {@code bin/plinth} plugin verb as the shell command of the same job ({@link CliVerb}).
 */
public final class SocketClient implements SignalHandler {

    private static final int NOT_RUNNING = 3;
    /** Standard output was closed by its reader ({@code | head}): ends quietly, as a program killed by SIGPIPE. */
    private static final int STDOUT_CLOSED = 141;
    private static final int USAGE = 2;
    private static final String VERB = "verb";
    private static final int INTERRUPTED = 130;

    private final DataOutputStream toRuntime;
    private final String mode;
    /** Whether Ctrl-C ends this client at once ({@code bin/plinth events}), which ends the command in the runtime. */
    private final boolean following;

    private SocketClient(DataOutputStream toRuntime, String mode, boolean following) {
        this.toRuntime = toRuntime;
        this.mode = mode;
        this.following = following;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    private static int run(String[] args) {
        if (args.length < 3 || !"--data".equals(args[0])) {
            return fail("usage: SocketClient --data DIR exec PROGRAM | lines | console | verb WORDS...", USAGE);
        }
        Path socket = Path.of(args[1], "plinth.sock");
        String mode = args[2];
        String program = args.length > 3 ? args[3] : "";
        boolean following = VERB.equals(mode) && "events".equals(program);
        if (VERB.equals(mode)) {
            try {
                program = CliVerb.program(Arrays.asList(args).subList(3, args.length));
            } catch (IllegalArgumentException e) {
                fail(e.getMessage(), USAGE);
                System.err.println(CliVerb.USAGE);
                return USAGE;
            }
            mode = Frames.EXEC;
        }
        String foreign = foreignOwner(socket);
        if (foreign != null) {
            return fail(new StringBuilder("refusing ").append(socket).append(": it belongs to ").append(foreign)
                    .append(", not to you, so it is not a runtime you started").toString(), NOT_RUNNING);
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            return fail(cannotConnect(socket, e), NOT_RUNNING);
        }
        DataOutputStream out = new DataOutputStream(ChannelStreams.output(channel));
        DataInputStream in = new DataInputStream(new BufferedInputStream(ChannelStreams.input(channel), 65536));
        SocketClient client = new SocketClient(out, mode, following);
        RawTerminal terminal = !Frames.CONSOLE.equals(mode) ? null
                : args.length > 4 ? RawTerminal.entered(args[3], args[4]) : RawTerminal.enter();
        try {
            return client.talk(in, program, terminal);
        } catch (ClosableStdout.Closed e) {
            return STDOUT_CLOSED;
        } catch (Frames.NotPlinth e) {
            return fail(new StringBuilder("what listens on ").append(socket).append(" is not a Plinth runtime: ")
                    .append(e.getMessage()).toString(), NOT_RUNNING);
        } catch (IOException e) {
            return fail(new StringBuilder("the connection to the runtime failed: ").append(e.getMessage())
                    .toString(), 1);
        } finally {
            if (terminal != null) {
                terminal.restore();
            }
        }
    }

    private int talk(DataInputStream in, String program, RawTerminal terminal) throws IOException {
        String term = System.getenv("TERM");
        int[] size = terminal == null ? new int[] {80, 24} : terminal.initialSize();
        String flags = Terminal.isTerminal() ? Frames.FLAG_TERMINAL : "";
        Hello hello = new Hello(mode, term == null ? "dumb" : term, size[0], size[1], flags,
                System.getProperty("user.dir", ""), program);
        try {
            Frames.write(toRuntime, Frames.HELLO, hello.encode());
            if (Frames.EXEC.equals(mode)) {
                Frames.write(toRuntime, Frames.STDIN_END, new byte[0], 0, 0);
            }
        } catch (IOException e) {
            // The runtime closed the connection at once (it refused it): its answer is read below.
        }
        if (Frames.EXEC.equals(mode)) {
            Signal.handle(new Signal("INT"), this);
        } else {
            if (Frames.LINES.equals(mode)) {
                Signal.handle(new Signal("INT"), this);
            } else {
                Signal.handle(new Signal("WINCH"), new WindowChange(toRuntime, terminal));
            }
            Thread input = new Thread(new InputPump(new FileInputStream(FileDescriptor.in), toRuntime,
                    Frames.CONSOLE.equals(mode)), "stdin");
            input.setDaemon(true);
            input.start();
        }
        // Output frames already received are written together (a console's echo comes a byte a frame).
        BufferedOutputStream stdout = new BufferedOutputStream(new ClosableStdout(), 65536);
        OutputStream stderr = new FileOutputStream(FileDescriptor.err);
        Frames.Frame frame;
        try {
            while ((frame = Frames.read(in)) != null) {
                switch (frame.type()) {
                    case Frames.STDOUT -> stdout.write(frame.payload());
                    case Frames.STDERR -> {
                        stdout.flush();
                        if (terminal != null) {
                            terminal.restore();
                        }
                        stderr.write(frame.payload());
                    }
                    case Frames.EXIT -> {
                        return Integer.parseInt(frame.text().trim());
                    }
                    default -> {
                        // frames of a newer runtime are skipped
                    }
                }
                if (in.available() == 0) {
                    stdout.flush();
                }
            }
        } finally {
            stdout.flush();
        }
        // The runtime stopped (a console's shutdown) or went away.
        return Frames.CONSOLE.equals(mode) ? 0 : fail("the runtime closed the connection", 1);
    }

    /** Ctrl-C while commands run: the runtime interrupts them; when following events, this client just ends. */
    @Override
    public void handle(Signal signal) {
        if (following) {
            Runtime.getRuntime().halt(INTERRUPTED);
        }
        try {
            Frames.write(toRuntime, Frames.INTERRUPT, new byte[0], 0, 0);
        } catch (IOException e) {
            Runtime.getRuntime().halt(INTERRUPTED);
        }
    }

    /**
     * The owner of the socket when it is another user than the one running this client (whose process directory
     * tells), so that a socket planted by someone else is never written to; null otherwise, or when the system
     * cannot tell (then the runtime's check of this client's credentials is the guard).
     */
    private static String foreignOwner(Path socket) {
        try {
            Object owner = Files.getAttribute(socket, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Object self = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return owner.equals(self) ? null : new StringBuilder("user id ").append(owner).toString();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Standard output, whose failure (its reader went away) is told apart from the connection's. */
    private static final class ClosableStdout extends OutputStream {

        /** Standard output cannot be written any more. */
        static final class Closed extends IOException {

            private static final long serialVersionUID = 1L;

            Closed(IOException cause) {
                super(cause.getMessage(), cause);
            }
        }

        private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            try {
                out.write(bytes, offset, length);
            } catch (IOException e) {
                throw new Closed(e);
            }
        }
    }

    private static String cannotConnect(Path socket, IOException e) {
        String reason = String.valueOf(e.getMessage());
        StringBuilder message = new StringBuilder("cannot reach the runtime at ").append(socket).append(": ");
        if (reason.contains("Connection refused")) {
            message.append("no runtime listens on it (a stale socket: the runtime was killed?); ")
                    .append("plinth start replaces it");
        } else if (reason.contains("Permission denied")) {
            message.append("permission denied: only the user running the runtime may connect");
        } else if (reason.contains("No such file")) {
            message.append("no socket (the runtime is still starting, or is older than this client)");
        } else {
            message.append(reason);
        }
        return message.toString();
    }

    private static int fail(String message, int status) {
        System.err.println(new StringBuilder("plinth: ").append(message));
        return status;
    }

    /** Copies standard input into the runtime; for a console, byte by byte as typed. */
    private static final class InputPump implements Runnable {

        private final InputStream from;
        private final DataOutputStream to;
        private final boolean console;

        InputPump(InputStream from, DataOutputStream to, boolean console) {
            this.from = from;
            this.to = to;
            this.console = console;
        }

        @Override
        public void run() {
            try {
                Frames.pump(from, to, Frames.STDIN, console ? 0 : Frames.STDIN_END);
            } catch (IOException e) {
                // the runtime ended the connection; the main thread reports it
            }
        }
    }

    /** Sends the terminal's new size when the window changes. */
    private static final class WindowChange implements SignalHandler {

        private final DataOutputStream to;
        private final RawTerminal terminal;

        WindowChange(DataOutputStream to, RawTerminal terminal) {
            this.to = to;
            this.terminal = terminal;
        }

        @Override
        public void handle(Signal signal) {
            int[] size = terminal.size();
            try {
                Frames.write(to, Frames.WINDOW, new StringBuilder().append(size[0]).append('\0').append(size[1])
                        .toString());
            } catch (IOException e) {
                // the connection is ending
            }
        }
    }

    /** The local terminal in raw mode (no echo, no line editing, no signals), through stty on /dev/tty. */
    static final class RawTerminal {

        private final String saved;
        private final int[] initialSize;
        private boolean restored;

        private RawTerminal(String saved, int[] initialSize) {
            this.saved = saved;
            this.initialSize = initialSize;
        }

        /**
         * The terminal that the caller ({@code bin/plinth}, before this JVM started) put in raw mode, with the settings
         * it saved ({@code stty -g}) and its size ({@code stty size}: rows, then columns).
         */
        static RawTerminal entered(String saved, String rowsColumns) {
            return new RawTerminal(saved.trim(), parseSize(rowsColumns));
        }

        /** Saves the terminal's settings, reads its size and enters raw mode, in one process. */
        static RawTerminal enter() {
            String[] lines = run("sh", "-c", "stty -g && stty size && stty raw -echo").split("\n");
            return new RawTerminal(lines.length > 0 ? lines[0].trim() : "",
                    parseSize(lines.length > 1 ? lines[1] : ""));
        }

        int[] initialSize() {
            return initialSize;
        }

        int[] size() {
            return parseSize(run("stty", "size"));
        }

        private static int[] parseSize(String rowsColumns) {
            String[] fields = rowsColumns.trim().split(" ");
            try {
                return new int[] {Integer.parseInt(fields[1]), Integer.parseInt(fields[0])};
            } catch (RuntimeException e) {
                return new int[] {80, 24};
            }
        }

        /** Puts the terminal back as it was; once. */
        void restore() {
            if (!restored && !saved.isEmpty()) {
                run("stty", saved);
            }
            restored = true;
        }

        private static String run(String... command) {
            try {
                Process process = new ProcessBuilder(command).redirectInput(new File("/dev/tty"))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
                byte[] output = process.getInputStream().readAllBytes();
                process.waitFor();
                return new String(output, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
