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
 * <li>{@code ${name}}: a JVM system property, else another property of the same set, else a
 * property of the context set (see {@link #resolveAgainst}), else an environment variable of that
 * name;</li>
 * <li>{@code ${env:NAME}}: an environment variable only;</li>
 * <li>{@code ${name:-fallback}}: the fallback text when the reference resolves to nothing; the
 * fallback may itself hold references ({@code ${env:DIR:-${plinth.home}/deploy}}), resolved only
 * when it is used;</li>
 * <li>{@code $$}: a literal {@code $} ({@code $${x}} is the text {@code ${x}}).</li>
 * </ul>
 *
 * A reference that resolves to nothing and has no fallback is an error, as are a cycle, an
 * unclosed {@code ${}, references nested (or properties referring to each other) more than
 * {@value #MAX_DEPTH} deep and a value longer than {@value #MAX_LENGTH} characters once resolved.
 */
public final class Interpolator {

    static final int MAX_DEPTH = 100;
    static final int MAX_LENGTH = 1 << 20;

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
        return resolveAgainst(raw, Map.of());
    }

    /**
     * Resolves every value of {@code raw}, whose values may refer to each other, and to
     * {@code context}, an already resolved set: here {@code ${name}} means a JVM system property,
     * else a property of {@code raw}, else a property of {@code context}, else an environment variable.
     */
    public Map<String, String> resolveAgainst(Map<String, String> raw, Map<String, String> context) {
        Resolution resolution = new Resolution(raw, context);
        Map<String, String> resolved = new LinkedHashMap<>();
        for (String key : raw.keySet()) {
            resolved.put(key, resolution.resolve(key));
        }
        return resolved;
    }

    /** One pass over a set of properties: what is resolved so far and the chain of references being followed. */
    private final class Resolution {

        private final Map<String, String> raw;
        private final Map<String, String> context;
        private final Map<String, String> done = new LinkedHashMap<>();
        private final Deque<String> path = new ArrayDeque<>();
        private int depth;

        Resolution(Map<String, String> raw, Map<String, String> context) {
            this.raw = raw;
            this.context = context;
        }

        String resolve(String key) {
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
            String value = substitute(key, raw.get(key));
            path.removeLast();
            done.put(key, value);
            return value;
        }

        private String substitute(String key, String value) {
            if (++depth > MAX_DEPTH) {
                throw new ConfigurationException("property " + key + " nests references deeper than " + MAX_DEPTH
                        + " levels");
            }
            try {
                return substituteAll(key, value);
            } finally {
                depth--;
            }
        }

        private String substituteAll(String key, String value) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < value.length()) {
                char c = value.charAt(at);
                if (c == '$' && value.startsWith("$$", at)) {
                    out.append('$');
                    at += 2;
                } else if (c == '$' && value.startsWith("${", at)) {
                    int end = closing(key, value, at + 2);
                    out.append(lookup(key, value.substring(at + 2, end)));
                    at = end + 1;
                } else {
                    out.append(c);
                    at++;
                }
                if (out.length() > MAX_LENGTH) {
                    throw new ConfigurationException("property " + key + " is longer than " + MAX_LENGTH
                            + " characters once its references are resolved");
                }
            }
            return out.toString();
        }

        /** The index of the brace closing a reference whose body starts at {@code from}, nested references skipped. */
        private int closing(String key, String value, int from) {
            int depth = 0;
            for (int i = from; i < value.length(); i++) {
                if (value.startsWith("$$", i)) {
                    i++;
                } else if (value.startsWith("${", i)) {
                    depth++;
                    i++;
                } else if (value.charAt(i) == '}') {
                    if (depth == 0) {
                        return i;
                    }
                    depth--;
                }
            }
            throw new ConfigurationException("property " + key + " has an unclosed ${ in: " + value);
        }

        private String lookup(String key, String reference) {
            int colonDash = topLevelFallback(reference);
            String name = substitute(key, colonDash < 0 ? reference : reference.substring(0, colonDash));
            String found = find(name);
            if (found != null) {
                return found;
            }
            if (colonDash >= 0) {
                return substitute(key, reference.substring(colonDash + 2));
            }
            if (name.startsWith("env:")) {
                throw new ConfigurationException("property " + key + " refers to ${" + reference
                        + "}, but no environment variable " + name.substring(4) + " is set");
            }
            throw new ConfigurationException("property " + key + " refers to ${" + reference
                    + "}, but there is no system property, configuration property or environment variable named "
                    + name);
        }

        /** Where {@code :-} starts in a reference's body outside nested references, or -1. */
        private int topLevelFallback(String reference) {
            int depth = 0;
            for (int i = 0; i < reference.length(); i++) {
                if (reference.startsWith("$$", i)) {
                    i++;
                } else if (reference.startsWith("${", i)) {
                    depth++;
                    i++;
                } else if (reference.charAt(i) == '}') {
                    depth--;
                } else if (depth == 0 && reference.startsWith(":-", i)) {
                    return i;
                }
            }
            return -1;
        }

        private String find(String name) {
            if (name.startsWith("env:")) {
                return environment.apply(name.substring(4));
            }
            String found = systemProperties.apply(name);
            if (found == null && raw.containsKey(name)) {
                found = resolve(name);
            }
            if (found == null) {
                found = context.get(name);
            }
            if (found == null) {
                found = environment.apply(name);
            }
            return found;
        }
    }
}
