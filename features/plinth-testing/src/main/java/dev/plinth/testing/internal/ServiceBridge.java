package dev.plinth.testing.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.opentest4j.AssertionFailedError;

/**
 * Hands a service to the test as the type the test asked for. When the test loaded that type itself (the plugin's
 * classes from target/classes) and the service is an instance of the bundle's class of the same name, an interface
 * is bridged: a proxy forwards each call to the bundle's method of the same name and parameter types. That works
 * when every parameter and return type is one both sides share (primitives, JDK, API, OSGi types); otherwise the
 * injection fails, saying which method cannot be bridged and why.
 */
public final class ServiceBridge {

    private ServiceBridge() {
    }

    public static <T> T adapt(Class<T> type, Object service) {
        if (type.isInstance(service)) {
            return type.cast(service);
        }
        String where = " (the test loaded " + type.getName() + " from " + location(type) + ", the service is an"
                + " instance of the bundle's " + service.getClass().getName() + ")";
        if (!type.isInterface()) {
            throw new AssertionFailedError("cannot inject the service " + type.getName() + ": the test's class and the"
                    + " plugin bundle's are two classes of the same name, and only an interface can be bridged between"
                    + " them" + where + ". Register the service under an interface, or reach the plugin through"
                    + " execute() and get()");
        }
        Map<Method, Method> targets = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Method method : type.getMethods()) {
            Method target = target(service.getClass(), method);
            if (target == null) {
                problems.add(signature(method) + ": the service has no public method of that name and parameters");
                continue;
            }
            String problem = unshared(method, target);
            if (problem != null) {
                problems.add(signature(method) + ": " + problem);
                continue;
            }
            targets.put(method, target);
        }
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("cannot bridge the service " + type.getName() + where + ": "
                    + String.join("; ", problems));
        }
        InvocationHandler handler = (proxy, method, args) -> {
            Method target = targets.get(method);
            if (target == null) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "toString" -> "bridge to " + service;
                    default -> throw new UnsupportedOperationException(method.toString());
                };
            }
            try {
                return target.invoke(service, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, handler));
    }

    private static Method target(Class<?> implementation, Method method) {
        for (Method candidate : implementation.getMethods()) {
            if (!candidate.getName().equals(method.getName())
                    || candidate.getParameterCount() != method.getParameterCount()) {
                continue;
            }
            Class<?>[] wanted = method.getParameterTypes();
            Class<?>[] offered = candidate.getParameterTypes();
            boolean same = true;
            for (int i = 0; i < wanted.length && same; i++) {
                same = wanted[i].getName().equals(offered[i].getName());
            }
            if (same) {
                candidate.setAccessible(true);
                return candidate;
            }
        }
        return null;
    }

    private static String unshared(Method method, Method target) {
        Class<?>[] wanted = method.getParameterTypes();
        Class<?>[] offered = target.getParameterTypes();
        for (int i = 0; i < wanted.length; i++) {
            if (wanted[i] != offered[i]) {
                return "its parameter type " + wanted[i].getName() + " is the test's class, not the bundle's";
            }
        }
        Class<?> returned = method.getReturnType();
        if (!returned.isAssignableFrom(target.getReturnType())) {
            return "its return type " + returned.getName() + " is the test's class, not the bundle's";
        }
        return null;
    }

    private static String signature(Method method) {
        List<String> parameters = new ArrayList<>();
        for (Class<?> parameter : method.getParameterTypes()) {
            parameters.add(parameter.getSimpleName());
        }
        return method.getName() + "(" + String.join(", ", parameters) + ")";
    }

    private static String location(Class<?> type) {
        try {
            return String.valueOf(type.getProtectionDomain().getCodeSource().getLocation());
        } catch (RuntimeException e) {
            return "the test's class path";
        }
    }
}
