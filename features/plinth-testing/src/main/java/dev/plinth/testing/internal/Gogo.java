package dev.plinth.testing.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.opentest4j.AssertionFailedError;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Runs Gogo commands in a session of their own, through the runtime's CommandProcessor. The test does not see Gogo's
 * classes: they are called through the interfaces the Gogo runtime bundle exports.
 */
public final class Gogo {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    /** Converter.INSPECT: how the console prints a command's result. */
    private static final int INSPECT = 0;

    private Gogo() {
    }

    public static String execute(BundleContext context, String commands, Duration bound) {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, PROCESSOR, null);
        tracker.open(true);
        try {
            Object processor = tracker.waitForService(bound.toMillis());
            if (processor == null) {
                throw new AssertionFailedError("no Gogo command processor in the test runtime within "
                        + bound.toSeconds() + " s");
            }
            ServiceReference<Object> reference = tracker.getServiceReference();
            Class<?> processorType = reference.getBundle().loadClass(PROCESSOR);
            Class<?> sessionType = reference.getBundle().loadClass(SESSION);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Object session = processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class).invoke(processor, new ByteArrayInputStream(new byte[0]), out, out);
            try {
                Object result;
                try {
                    result = sessionType.getMethod("execute", CharSequence.class).invoke(session, commands);
                } catch (InvocationTargetException e) {
                    Throwable cause = e.getCause();
                    String printed = out.toString(StandardCharsets.UTF_8).trim();
                    throw new AssertionFailedError("command failed: " + commands + ": " + cause.getMessage()
                            + (printed.isEmpty() ? "" : "\n" + printed), cause);
                }
                StringBuilder text = new StringBuilder(out.toString(StandardCharsets.UTF_8));
                if (result != null) {
                    Method format = sessionType.getMethod("format", Object.class, int.class);
                    if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                        text.append('\n');
                    }
                    text.append(format.invoke(session, result, INSPECT));
                }
                return text.toString().trim();
            } finally {
                sessionType.getMethod("close").invoke(session);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while running: " + commands, e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionFailedError("cannot run Gogo commands: " + e, e);
        } finally {
            tracker.close();
        }
    }
}
