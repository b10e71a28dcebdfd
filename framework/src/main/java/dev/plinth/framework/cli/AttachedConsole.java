package dev.plinth.framework.cli;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.client.Frames;
import dev.plinth.framework.client.Hello;

/**
 * An interactive console attached through the socket. The shell bundle runs it (a JLine terminal on the
 * connection's streams, a Gogo session of its own); the launcher shares no classes with bundles, so the two meet
 * through a service typed with JDK classes only: a {@link Function} registered with {@value #FILTER}, which takes
 * the request below and answers with the handles to resize and close the console.
 *
 * <ul>
 * <li>request: {@code input} (InputStream), {@code output} (OutputStream), {@code type} (String), {@code columns} and
 * {@code rows} (Integer), {@code onEnd} (Runnable, called once when the console ends: detach or shutdown);</li>
 * <li>answer: {@code resize} (BiConsumer of columns and rows), {@code close} (Runnable: the client went away).</li>
 * </ul>
 */
final class AttachedConsole {

    static final String FILTER = "(plinth.console=attach)";

    private final BundleContext context;
    private final Hello hello;
    private final DataInputStream in;
    private final DataOutputStream out;

    AttachedConsole(BundleContext context, Hello hello, DataInputStream in, DataOutputStream out) {
        this.context = context;
        this.hello = hello;
        this.in = in;
        this.out = out;
    }

    /** Runs the console until it ends or the client goes away; the exit status for the client. */
    @SuppressWarnings("unchecked")
    int run() throws IOException {
        ServiceReference<Function<Object, Object>> reference = consoleService();
        Function<Object, Object> consoles = reference == null ? null : context.getService(reference);
        if (consoles == null) {
            Frames.write(out, Frames.STDERR, "plinth: the runtime has no console to attach to (the shell bundle"
                    + " dev.plinth.shell is not active); use: plinth exec 'COMMANDS'\n");
            return ExitStatus.COMMAND_FAILED.code();
        }
        try {
            CountDownLatch ended = new CountDownLatch(1);
            FrameInput input = FrameInput.start(in);
            Map<String, Object> answer;
            try {
                answer = (Map<String, Object>) consoles.apply(Map.of(
                        "input", input,
                        "output", Frames.output(out, Frames.STDOUT),
                        "type", hello.terminalType(),
                        "columns", hello.columns(),
                        "rows", hello.rows(),
                        "onEnd", (Runnable) ended::countDown));
            } catch (RuntimeException e) {
                Frames.write(out, Frames.STDERR, "plinth: " + e.getMessage() + "\n");
                return ExitStatus.COMMAND_FAILED.code();
            }
            BiConsumer<Integer, Integer> resize = (BiConsumer<Integer, Integer>) answer.get("resize");
            Runnable close = (Runnable) answer.get("close");
            input.onWindow(resize);
            input.onDisconnect(() -> {
                close.run();
                ended.countDown();
            });
            ended.await();
            return ExitStatus.OK.code();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitStatus.OK.code();
        } finally {
            context.ungetService(reference);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ServiceReference<Function<Object, Object>> consoleService() {
        try {
            Collection<ServiceReference<Function>> found = context.getServiceReferences(Function.class, FILTER);
            return found.isEmpty() ? null : (ServiceReference) found.iterator().next();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
