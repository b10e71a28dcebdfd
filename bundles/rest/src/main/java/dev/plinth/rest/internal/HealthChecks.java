package dev.plinth.rest.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Runs the Apache Felix Health Checks a plugin registers ({@code org.apache.felix.hc.api.HealthCheck} services of its
 * bundle), each bounded in time. The checks are called through their public interface by name, so that the REST
 * bundle needs no wiring to the Health Check API: a plugin brings the API as a library when it has checks.
 */
final class HealthChecks {

    static final String HEALTH_CHECK = "org.apache.felix.hc.api.HealthCheck";
    private static final String NAME = "hc.name";
    private static final String TAGS = "hc.tags";

    private final BundleContext context;
    private final Duration limit;
    private final ExecutorService runner;

    HealthChecks(BundleContext context, Duration limit) {
        this.context = context;
        this.limit = limit;
        this.runner = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "plinth-rest-health-check");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A plugin's checks and their results. */
    record Report(String id, String status, List<Check> checks) {
    }

    /** One check: its name, tags, the worst status of its messages, and the messages. */
    record Check(String name, List<String> tags, String status, List<Message> messages) {
    }

    /** One message of a check's result. */
    record Message(String status, String message) {
    }

    /** Runs the checks the bundle registered, sorted by name; {@code status} is the worst, or {@code null} for none. */
    Report run(String id, Bundle bundle) {
        List<Check> checks = new ArrayList<>();
        for (ServiceReference<?> reference : references(bundle)) {
            checks.add(run(reference));
        }
        checks.sort(Comparator.comparing(Check::name));
        String worst = checks.stream().map(Check::status).max(Comparator.comparingInt(HealthChecks::rank))
                .orElse(null);
        return new Report(id, worst, checks);
    }

    void close() {
        runner.shutdownNow();
    }

    private List<ServiceReference<?>> references(Bundle bundle) {
        if (bundle == null) {
            return List.of();
        }
        try {
            ServiceReference<?>[] all = context.getAllServiceReferences(HEALTH_CHECK, null);
            return all == null ? List.of()
                    : Arrays.stream(all).filter(reference -> bundle.equals(reference.getBundle())).toList();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Check run(ServiceReference<?> reference) {
        String name = text(reference.getProperty(NAME), "service " + reference.getProperty("service.id"));
        List<String> tags = tags(reference.getProperty(TAGS));
        Object service = context.getService(reference);
        if (service == null) {
            return failed(name, tags, "the check is gone");
        }
        Future<List<Message>> result = runner.submit(() -> execute(service));
        try {
            List<Message> messages = result.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            String status = messages.stream().map(Message::status).max(Comparator.comparingInt(HealthChecks::rank))
                    .orElse("ok");
            return new Check(name, tags, status, messages);
        } catch (TimeoutException e) {
            result.cancel(true);
            return failed(name, tags, "the check did not answer within " + limit.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException target ? target.getCause()
                    : e.getCause();
            return failed(name, tags, "the check failed: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(name, tags, "interrupted");
        } finally {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException e) {
                // the REST bundle is stopping
            }
        }
    }

    private static List<Message> execute(Object service) throws ReflectiveOperationException {
        Object result = publicMethod(service.getClass(), HEALTH_CHECK, "execute").invoke(service);
        List<Message> messages = new ArrayList<>();
        if (result instanceof Iterable<?> entries) {
            for (Iterator<?> each = entries.iterator(); each.hasNext();) {
                Object entry = each.next();
                Object status = entry.getClass().getMethod("getStatus").invoke(entry);
                Object message = entry.getClass().getMethod("getMessage").invoke(entry);
                messages.add(new Message(word(status), String.valueOf(message)));
            }
        }
        if (messages.isEmpty() && result != null) {
            messages.add(new Message(word(result.getClass().getMethod("getStatus").invoke(result)), ""));
        }
        return messages;
    }

    /** The interface's method, so that a check implemented by a class that is not public can be called. */
    private static Method publicMethod(Class<?> type, String interfaceName, String method)
            throws NoSuchMethodException {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            for (Class<?> implemented : current.getInterfaces()) {
                if (implemented.getName().equals(interfaceName)) {
                    return implemented.getMethod(method);
                }
            }
        }
        throw new NoSuchMethodException(interfaceName + "." + method + " on " + type.getName());
    }

    private static Check failed(String name, List<String> tags, String why) {
        return new Check(name, tags, "health-check-error", List.of(new Message("health-check-error", why)));
    }

    /** {@code OK} -> {@code ok}, {@code HEALTH_CHECK_ERROR} -> {@code health-check-error}. */
    static String word(Object status) {
        return String.valueOf(status).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Worse is higher, as Felix orders its statuses; an unknown word ranks as an error. */
    static int rank(String status) {
        return switch (status) {
            case "debug", "info", "ok" -> 0;
            case "warn" -> 1;
            case "temporarily-unavailable" -> 2;
            case "critical" -> 3;
            default -> 4;
        };
    }

    private static String text(Object value, String otherwise) {
        return value == null || String.valueOf(value).isBlank() ? otherwise : String.valueOf(value);
    }

    private static List<String> tags(Object value) {
        if (value instanceof String[] many) {
            return List.of(many);
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
