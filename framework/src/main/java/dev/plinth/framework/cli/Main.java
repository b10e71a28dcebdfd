package dev.plinth.framework.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.Plinth;
import dev.plinth.framework.PlinthException;
import dev.plinth.framework.Startup;
import dev.plinth.framework.cli.Arguments.Mode;
import dev.plinth.framework.client.Terminal;
import dev.plinth.framework.internal.ClassDataArchive;
import dev.plinth.framework.internal.LauncherProperties;
import dev.plinth.framework.internal.StartupMonitor;

/**
 * The {@code bin/plinth} entry point: starts Plinth on a home, prints the ready line, then serves
 * the console, runs commands, or waits for a signal, and exits with an {@link ExitStatus} code.
 */
public final class Main {

    private static final Duration SHELL_WAIT = Duration.ofSeconds(30);
    /** How long what starts with the console (the HTTP server) may take to say whether it serves. */
    private static final Duration LATE_WAIT = Duration.ofSeconds(60);
    private static final String CONSOLE_LOG = "console.log";

    /** When the JVM started; looked up in the background, as loading the management classes takes a while. */
    private static final Supplier<Instant> JVM_START = jvmStart();

    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    private Main(PrintStream out, PrintStream err, InputStream in) {
        this.out = out;
        this.err = err;
        this.in = in;
    }

    public static void main(String[] args) {
        int code = new Main(System.out, System.err, System.in).run(args);
        System.exit(code);
    }

    private int run(String[] argv) {
        Arguments args;
        try {
            args = Arguments.parse(List.of(argv), defaultHome(), Terminal.isTerminal());
        } catch (PlinthException e) {
            err.println("plinth: " + e.getMessage());
            return e.status().code();
        }
        if (args.help()) {
            out.println(Arguments.USAGE);
            return ExitStatus.OK.code();
        }
        Mode mode = args.mode();
        if (mode != Mode.CONSOLE) {
            System.setProperty("org.jline.terminal.type", "dumb");
        }
        PrintStream status = mode.commandsOnStdout() ? err : out;
        Shutdown shutdown = null;
        try {
            Plinth.Builder builder = Plinth.builder()
                    .home(args.home())
                    .clean(args.clean())
                    .deferConsole(true)
                    .measuredFrom(JVM_START)
                    .property(LauncherProperties.GOSH_ARGS, mode == Mode.CONSOLE ? "" : "--nointeractive --noshutdown");
            if (mode.commandsOnStdout() && System.getProperty(LauncherProperties.HTTP_ENABLE) == null) {
                // One-shot runs end with their commands: starting the HTTP server would only slow them down.
                builder.property(LauncherProperties.HTTP_ENABLE, "false");
            }
            Plinth plinth = builder.build();
            BundleOutput bundleOutput = BundleOutput.install(out, err);
            Path consoleLog = plinth.logDirectory().resolve(CONSOLE_LOG);
            if (mode.commandsOnStdout()) {
                bundleOutput.redirectTo(consoleLog);
            }
            shutdown = new Shutdown(plinth, status, err);
            shutdown.announceStop(mode == Mode.CONSOLE || mode == Mode.DAEMON);
            shutdown.statusOnSignal(mode == Mode.EXEC ? ExitStatus.COMMAND_FAILED : ExitStatus.OK);
            shutdown.install();
            Startup startup = plinth.start();
            List<String> socketWarnings = mode == Mode.DAEMON || mode == Mode.CONSOLE ? listen(plinth) : List.of();
            List<String> stillStarting = List.of();
            if (mode == Mode.DAEMON) {
                // A daemon is ready once everything runs, the HTTP server included: bin/plinth start waits for it.
                long lateStart = System.nanoTime();
                plinth.startConsole();
                stillStarting = awaitLateStart(plinth);
                startup = startup.readyLater(Duration.ofNanos(System.nanoTime() - lateStart));
                List<String> failed = StartupMonitor.failed(plinth.bundleContext());
                if (!failed.isEmpty()) {
                    failed.forEach(failure -> err.println("plinth: start failed: " + failure));
                    err.flush();
                    return shutdown.claim() ? shutdown.stop(ExitStatus.START_FAILED).code()
                            : Main.<Integer>waitForHalt();
                }
            }
            status.println(startup.readyLine());
            startup.failures().forEach(failure -> status.println("WARNING: " + failure));
            stillStarting.forEach(pending -> status.println("WARNING: " + pending));
            socketWarnings.forEach(warning -> status.println("WARNING: " + warning));
            status.flush();
            ClassDataArchive.ofThisJvm(plinth.systemDirectory()).ifPresent(ClassDataArchive::refresh);
            if (mode == Mode.CONSOLE) {
                redirectWhenStopping(plinth, bundleOutput, consoleLog);
            }
            return serve(mode, args, plinth, shutdown).code();
        } catch (PlinthException e) {
            if (shutdown == null || shutdown.claim()) {
                err.println("plinth: " + e.getMessage());
                return e.status().code();
            }
            return Main.<Integer>waitForHalt();
        }
    }

    private ExitStatus serve(Mode mode, Arguments args, Plinth plinth, Shutdown shutdown) {
        switch (mode) {
            case CONSOLE -> {
                out.println("Type 'help' for the commands; Ctrl-D, 'shutdown' or 'exit' stops Plinth.");
                out.flush();
                ConsoleClassLoaderBinding.register(plinth.bundleContext());
                plinth.startConsole();
                awaitLateStart(plinth).forEach(pending -> err.println("WARNING: " + pending));
                StartupMonitor.failed(plinth.bundleContext()).forEach(failure -> err.println("WARNING: " + failure));
                plinth.awaitStop();
                return shutdown.claim() ? shutdown.stopped(ExitStatus.OK) : Main.<ExitStatus>waitForHalt();
            }
            case DAEMON -> {
                plinth.awaitStop();
                return shutdown.claim() ? shutdown.stopped(ExitStatus.OK) : Main.<ExitStatus>waitForHalt();
            }
            default -> {
                shutdown.exitWhenFrameworkStops();
                plinth.startConsole();
                boolean succeeded = runCommands(mode, args, plinth);
                ExitStatus intended = succeeded ? ExitStatus.OK : ExitStatus.COMMAND_FAILED;
                return shutdown.claim() ? shutdown.stop(intended) : Main.<ExitStatus>waitForHalt();
            }
        }
    }

    private boolean runCommands(Mode mode, Arguments args, Plinth plinth) {
        PrintStream commandOut = Terminal.isTerminal() ? out
                : new PrintStream(new AnsiStrippingOutputStream(out), true, Charset.defaultCharset());
        try (GogoSession session = GogoSession.open(plinth.bundleContext(), in, commandOut, err, SHELL_WAIT)) {
            CommandRunner runner = new CommandRunner(session, commandOut, err);
            if (mode == Mode.EXEC) {
                return runner.run(args.commands());
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, Charset.defaultCharset()));
            return runner.runLines(lines);
        } catch (Exception e) {
            err.println("plinth: " + e.getMessage());
            return false;
        }
    }

    /**
     * Waits, once the last start level is reached, until what started with the console (the HTTP server) has said
     * whether it serves: no service marked {@code plinth.startup.pending} any more. Returns what is still pending
     * after {@link #LATE_WAIT}.
     */
    private static List<String> awaitLateStart(Plinth plinth) {
        try {
            return StartupMonitor.awaitPending(plinth.bundleContext(), LATE_WAIT).stream()
                    .map(pending -> "still starting after " + LATE_WAIT.toSeconds() + " s: " + pending).toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted while starting");
        }
    }

    /**
     * Opens the runtime's socket, through which {@code bin/plinth} attaches consoles and runs commands, until the
     * framework stops. A runtime without it still runs: the reason is returned as a warning.
     */
    private static List<String> listen(Plinth plinth) {
        try {
            SocketServer server = SocketServer.start(plinth.dataDirectory(), plinth.bundleContext());
            plinth.bundleContext().addBundleListener((SynchronousBundleListener) event -> {
                if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                    server.close();
                }
            });
            return List.of();
        } catch (IOException | RuntimeException e) {
            return List.of("no socket for consoles and commands at " + plinth.dataDirectory().resolve(
                    RuntimeSocket.FILE_NAME) + ": " + e.getMessage());
        }
    }

    /** Once the console is closing, what bundles print has no one to read it on the terminal. */
    private static void redirectWhenStopping(Plinth plinth, BundleOutput bundleOutput, Path consoleLog) {
        plinth.bundleContext().addBundleListener((SynchronousBundleListener) event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                bundleOutput.redirectTo(consoleLog);
            }
        });
    }

    /** A signal is ending the process; its hook halts the JVM, this thread only waits for that. */
    private static <T> T waitForHalt() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                // keep waiting: the shutdown hook decides the exit status
            }
        }
    }

    private static Supplier<Instant> jvmStart() {
        CompletableFuture<Instant> start = CompletableFuture.supplyAsync(
                () -> Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        return start::join;
    }

    private static Path defaultHome() {
        String configured = System.getProperty(LauncherProperties.HOME);
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(jar) && jar.getParent() != null && jar.getParent().getParent() != null) {
                return jar.getParent().getParent();
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
