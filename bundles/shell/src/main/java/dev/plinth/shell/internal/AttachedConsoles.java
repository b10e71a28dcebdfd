package dev.plinth.shell.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.apache.felix.gogo.jline.Shell;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.osgi.framework.BundleContext;

/**
 * Consoles attached through the runtime's socket ({@code bin/plinth} on a home whose runtime runs): each a JLine
 * terminal on the connection's streams and a Gogo session of its own, run by gogo.jline's {@code Shell} as the
 * local console is (line editing, history, completion), with {@code exit} and Ctrl-D detaching and
 * {@code shutdown} stopping Plinth after a confirmation.
 *
 * <p>The launcher, which owns the socket, shares no classes with bundles: this is a {@link Function} service
 * marked {@code plinth.console=attach}, typed with JDK classes only. It takes a map with {@code input}
 * (InputStream), {@code output} (OutputStream), {@code type} (String), {@code columns} and {@code rows} (Integer)
 * and {@code onEnd} (Runnable, called once when the console ends) and answers a map with {@code resize}
 * (BiConsumer of columns and rows) and {@code close} (Runnable, for a client that went away).
 *
 * <p>Registered by {@link AttachedConsolesRegistration} only where gogo.jline runs.
 */
final class AttachedConsoles implements Function<Object, Object> {

    private final CommandProcessor processor;
    private final BundleContext context;

    AttachedConsoles(CommandProcessor processor, BundleContext context) {
        this.processor = processor;
        this.context = context;
    }

    @Override
    public Object apply(Object request) {
        Map<?, ?> fields = (Map<?, ?>) request;
        Runnable onEnd = (Runnable) fields.get("onEnd");
        try {
            // A terminal of JLine's own line discipline: Ctrl-C read from the connection raises its INT signal.
            // (TerminalBuilder would open a pseudo-terminal, whose Ctrl-C reaches no one.)
            Terminal terminal = new ExternalTerminal("plinth", (String) fields.get("type"),
                    (InputStream) fields.get("input"), new WholeWrites((OutputStream) fields.get("output")),
                    StandardCharsets.UTF_8);
            terminal.setSize(new Size((Integer) fields.get("columns"), (Integer) fields.get("rows")));
            AttachedConsole console = new AttachedConsole(terminal, onEnd);
            console.start();
            BiConsumer<Integer, Integer> resize = console::resize;
            Runnable close = console::close;
            return Map.of("resize", resize, "close", close);
        } catch (IOException | RuntimeException e) {
            onEnd.run();
            throw new IllegalStateException("cannot open a console: " + e.getMessage(), e);
        }
    }

    /** One attached console: its terminal, session and shell, on a thread of its own. */
    private final class AttachedConsole implements Shell.Context {

        private final Terminal terminal;
        private final Runnable onEnd;
        private final Shell shell;
        private final CommandSession session;

        AttachedConsole(Terminal terminal, Runnable onEnd) {
            this.terminal = terminal;
            this.onEnd = onEnd;
            // No profile of the shell's own: the home's is read below, before exit and shutdown are replaced.
            this.shell = new Shell(this, processor, null, ".plinth-attached-console-has-no-profile");
            this.session = processor.createSession(terminal.input(), terminal.output(), terminal.output());
        }

        void start() {
            Thread thread = new Thread(this::run, "plinth attached console");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                session.put(Shell.VAR_TERMINAL, terminal);
                File profile = new File(getProperty("gosh.home"), "etc/gosh_profile");
                if (profile.isFile()) {
                    shell.source(session, profile.toURI().toString());
                }
                ConsoleExits.install(session, shell, context);
                shell.gosh(session, new String[] {"--login", "--noshutdown"});
            } catch (Exception e) {
                terminal.writer().println("plinth: the console ended: " + e.getMessage());
                terminal.flush();
            } finally {
                session.close();
                try {
                    terminal.close();
                } catch (IOException e) {
                    // the connection is closing anyway
                }
                onEnd.run();
            }
        }

        void resize(Integer columns, Integer rows) {
            terminal.setSize(new Size(columns, rows));
            terminal.raise(Terminal.Signal.WINCH);
        }

        void close() {
            shell.stop();
            terminal.raise(Terminal.Signal.INT);
            try {
                terminal.close();
            } catch (IOException e) {
                // already closed
            }
        }

        @Override
        public String getProperty(String name) {
            String value = context.getProperty(name);
            return value != null || !"user.dir".equals(name) ? value : System.getProperty(name);
        }

        /** Called by the shell when its session asks the framework to stop without {@code --noshutdown}. */
        @Override
        public void exit() {
            shell.stop();
        }
    }
}
