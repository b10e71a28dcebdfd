package dev.plinth.framework.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * A Gogo command session opened from outside the framework. The launcher does not share Gogo's
 * classes, so it calls the {@code CommandProcessor} service and its session through their
 * public interfaces, found in the Gogo runtime bundle.
 */
final class GogoSession implements AutoCloseable {

    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    private static final int INSPECT = 0;
    /** The session variable the Gogo console sets to a bundle context; scripts use it as {@code $.context}. */
    private static final String CONTEXT_VARIABLE = ".context";
    /**
     * The session variable naming who runs the session's commands, recorded as their operations' origin in the
     * history; read by the shell bundle's commands under the same name. Unset, they say {@code shell}.
     */
    static final String ORIGIN_VARIABLE = "plinth.origin";

    private final ServiceTracker<Object, Object> tracker;
    private final Object session;
    private final Method execute;
    private final Method put;
    private final Method format;
    private final Method close;

    private GogoSession(ServiceTracker<Object, Object> tracker, Object session, Class<?> sessionType)
            throws NoSuchMethodException {
        this.tracker = tracker;
        this.session = session;
        this.execute = sessionType.getMethod("execute", CharSequence.class);
        this.put = sessionType.getMethod("put", String.class, Object.class);
        this.format = sessionType.getMethod("format", Object.class, int.class);
        this.close = sessionType.getMethod("close");
    }

    /** Opens a session on the given streams once the command processor is there, waiting at most {@code bound}. */
    static GogoSession open(BundleContext context, InputStream in, OutputStream out, OutputStream err,
            Duration bound) throws Exception {
        return open(context, in, out, err, bound, null);
    }

    /**
     * Opens a session as {@link #open(BundleContext, InputStream, OutputStream, OutputStream, Duration)} does, whose
     * current directory (against which the commands resolve relative file names) is {@code directory}, unless that
     * is {@code null}.
     */
    static GogoSession open(BundleContext context, InputStream in, OutputStream out, OutputStream err,
            Duration bound, Path directory) throws Exception {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, PROCESSOR, null);
        tracker.open(true);
        try {
            Object processor = tracker.waitForService(bound.toMillis());
            if (processor == null) {
                throw new IllegalStateException("the Gogo shell is not available (no " + PROCESSOR + " service)");
            }
            ServiceReference<Object> reference = tracker.getServiceReference();
            ClassLoader loader = reference.getBundle().adapt(org.osgi.framework.wiring.BundleWiring.class)
                    .getClassLoader();
            Class<?> processorType = loader.loadClass(PROCESSOR);
            Class<?> sessionType = loader.loadClass(SESSION);
            Object session = invoke(processorType.getMethod("createSession", InputStream.class, OutputStream.class,
                    OutputStream.class), processor, in, out, err);
            invoke(sessionType.getMethod("put", String.class, Object.class), session, CONTEXT_VARIABLE, context);
            if (directory != null) {
                invoke(sessionType.getMethod("currentDir", Path.class), session, directory);
            }
            return new GogoSession(tracker, session, sessionType);
        } catch (Exception | Error e) {
            tracker.close();
            throw e;
        }
    }

    /** Names who runs this session's commands, for their history entries ({@code cli} for the socket's). */
    GogoSession origin(String origin) throws Exception {
        invoke(put, session, ORIGIN_VARIABLE, origin);
        return this;
    }

    /** Runs a Gogo program and returns its result; a failing command throws its exception. */
    Object execute(String program) throws Exception {
        return invoke(execute, session, program);
    }

    /** The result as the Gogo console shows it. */
    String format(Object result) throws Exception {
        return String.valueOf(invoke(format, session, result, INSPECT));
    }

    @Override
    public void close() {
        try {
            invoke(close, session);
        } catch (Exception e) {
            // the framework may already be stopping
        } finally {
            tracker.close();
        }
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
