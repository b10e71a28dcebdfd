package dev.plinth.framework.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces {@code ${...}} references in launcher properties.
 *
 * <ul>
 * <li>{@code ${name}}: a JVM system property, else another property of the same set, else an
 * environment variable of that name;</li>
 * <li>{@code ${env:NAME}}: an environment variable only;</li>
 * <li>{@code ${name:-fallback}}: the fallback text when the reference resolves to nothing.</li>
 * </ul>
 *
 * A reference that resolves to nothing and has no fallback is an error, as is a cycle.
 */
public final class Interpolator {

    private final Function<String, String> systemProperties;
    private final Function<String, String> environment;

    public Interpolator(Function<String, String> systemProperties, Function<String, String> environment) {
        this.systemProperties = systemProperties;
        this.environment = environment;
    }

    public static Interpolator ofRunningJvm() {
        return new Interpolator(System::getProperty, System::getenv);
    }

    /** Resolves every value of {@code raw}, whose values may refer to each other; keys keep their order. */
    public Map<String, String> resolveAll(Map<String, String> raw) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            resolved.put(key, resolve(key, raw, resolved, new ArrayDeque<>()));
        }
        return resolved;
    }

    /**
     * Resolves every value of {@code raw} against {@code context}, an already resolved set: here
     * {@code ${name}} means a JVM system property, else a property of {@code context}, else an
     * environment variable. Values of {@code raw} do not refer to each other.
     */
    public Map<String, String> resolveAgainst(Map<String, String> raw, Map<String, String> context) {
        Map<String, String> resolved = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : raw.entrySet()) {
            resolved.put(entry.getKey(), substitute(entry.getKey(), entry.getValue(), context, context,
                    new ArrayDeque<>()));
        }
        return resolved;
    }

    private String resolve(String key, Map<String, String> raw, Map<String, String> done, Deque<String> path) {
        String cached = done.get(key);
        if (cached != null) {
            return cached;
        }
        if (path.contains(key)) {
            path.addLast(key);
            throw new ConfigurationException("property " + path.getFirst() + " refers to itself through "
                    + String.join(" -> ", path));
        }
        path.addLast(key);
        String value = substitute(key, raw.get(key), raw, done, path);
        path.removeLast();
        done.put(key, value);
        return value;
    }

    private String substitute(String key, String value, Map<String, String> raw, Map<String, String> done,
            Deque<String> path) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        while (true) {
            int start = value.indexOf("${", from);
            if (start < 0) {
                out.append(value, from, value.length());
                return out.toString();
            }
            int end = value.indexOf('}', start + 2);
            if (end < 0) {
                throw new ConfigurationException("property " + key + " has an unclosed ${ in: " + value);
            }
            out.append(value, from, start);
            out.append(lookup(key, value.substring(start + 2, end), raw, done, path));
            from = end + 1;
        }
    }

    private String lookup(String key, String reference, Map<String, String> raw, Map<String, String> done,
            Deque<String> path) {
        String name = reference;
        String fallback = null;
        int colonDash = reference.indexOf(":-");
        if (colonDash >= 0) {
            name = reference.substring(0, colonDash);
            fallback = reference.substring(colonDash + 2);
        }
        String found;
        if (name.startsWith("env:")) {
            found = environment.apply(name.substring(4));
        } else {
            found = systemProperties.apply(name);
            if (found == null && raw.containsKey(name)) {
                found = resolve(name, raw, done, path);
            }
            if (found == null) {
                found = environment.apply(name);
            }
        }
        if (found != null) {
            return found;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new ConfigurationException("property " + key + " refers to ${" + reference + "}, which is neither "
                + (name.startsWith("env:") ? "an environment variable" : "a system property, a property of the "
                        + "configuration nor an environment variable"));
    }
}
