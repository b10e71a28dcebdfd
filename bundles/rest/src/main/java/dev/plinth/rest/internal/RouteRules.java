package dev.plinth.rest.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Where a plugin may serve HTTP: only under {@code /api/plugin/<plugin-id>/}, in the default servlet context.
 * Judges one whiteboard service by its properties; services that are not whiteboard services pass. Property keys
 * are compared without case, as the framework and the whiteboard look them up.
 */
final class RouteRules {

    /** The prefix of every plugin's namespace. */
    static final String PREFIX = dev.plinth.api.plugin.PluginRoutes.PREFIX;

    static final String SELECT = "osgi.http.whiteboard.context.select";
    static final String DEFAULT_CONTEXT = "(osgi.http.whiteboard.context.name=default)";
    private static final String WHITEBOARD = "osgi.http.whiteboard.";
    private static final List<String> PATTERNS = List.of("osgi.http.whiteboard.servlet.pattern",
            "osgi.http.whiteboard.filter.pattern", "osgi.http.whiteboard.resource.pattern");
    private static final Map<String, String> FORBIDDEN = Map.of(
            "osgi.http.whiteboard.filter.regex", "a filter by regular expression",
            "osgi.http.whiteboard.filter.servlet", "a filter on servlets by name",
            "osgi.http.whiteboard.servlet.errorpage", "an error page",
            "osgi.http.whiteboard.listener", "a servlet listener",
            "osgi.http.whiteboard.context.name", "a servlet context",
            "osgi.http.whiteboard.context.path", "a servlet context");
    private static final Set<String> FORBIDDEN_TYPES = Set.of(
            "org.osgi.service.servlet.context.ServletContextHelper",
            "org.osgi.service.http.context.ServletContextHelper",
            "org.osgi.service.servlet.whiteboard.Preprocessor",
            "org.osgi.service.http.whiteboard.Preprocessor");

    private RouteRules() {
    }

    /** The plugin's namespace, with its trailing slash. */
    static String namespace(String pluginId) {
        return PREFIX + pluginId + "/";
    }

    /**
     * Why the plugin may not register a service with these properties, or empty when it may (also when it is no
     * whiteboard service at all).
     */
    static Optional<String> refusal(String pluginId, Map<String, Object> serviceProperties) {
        Map<String, Object> properties = withoutCase(serviceProperties);
        if (!isWhiteboard(properties)) {
            return Optional.empty();
        }
        List<String> types = strings(properties.get("objectClass"));
        String what = describe(properties);
        String namespace = namespace(pluginId);
        for (String type : types) {
            if (FORBIDDEN_TYPES.contains(type)) {
                return Optional.of(what + ": plugins may not register a " + simpleName(type)
                        + "; serve under " + namespace + " in the default context");
            }
        }
        for (Map.Entry<String, String> forbidden : FORBIDDEN.entrySet()) {
            if (properties.containsKey(forbidden.getKey())) {
                return Optional.of(what + ": plugins may not register " + forbidden.getValue()
                        + " (" + forbidden.getKey() + "); serve under " + namespace);
            }
        }
        Object select = properties.get(SELECT);
        if (select != null && !strings(select).equals(List.of(DEFAULT_CONTEXT))) {
            return Optional.of(what + ": plugins may only use the default servlet context, not " + select);
        }
        List<String> outside = new ArrayList<>();
        for (String key : PATTERNS) {
            for (String pattern : strings(properties.get(key))) {
                if (!inside(pattern, namespace)) {
                    outside.add(pattern);
                }
            }
        }
        if (!outside.isEmpty()) {
            return Optional.of(what + ": " + String.join(", ", outside) + (outside.size() == 1 ? " is" : " are")
                    + " outside the plugin's namespace " + namespace);
        }
        return Optional.empty();
    }

    /** True when the service, by its types or properties (in any case), is one the whiteboard would take up. */
    static boolean isWhiteboard(Map<String, Object> properties) {
        return strings(withoutCase(properties).get("objectClass")).stream().anyMatch(RouteRules::isWhiteboardType)
                || properties.keySet().stream().anyMatch(RouteRules::isWhiteboardKey);
    }

    /** True for a whiteboard property key ({@code osgi.http.whiteboard.*} in any case). */
    static boolean isWhiteboardKey(String key) {
        return key.regionMatches(true, 0, WHITEBOARD, 0, WHITEBOARD.length());
    }

    /** True for a whiteboard type that needs no property to be taken up: contexts and preprocessors. */
    static boolean isWhiteboardType(String type) {
        return FORBIDDEN_TYPES.contains(type);
    }

    /** The properties with keys that are found in any case. */
    static Map<String, Object> withoutCase(Map<String, Object> properties) {
        Map<String, Object> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        copy.putAll(properties);
        return copy;
    }

    /** True when the pattern only matches paths under the namespace (or the namespace itself). */
    static boolean inside(String pattern, String namespace) {
        String path = pattern.endsWith("/*") ? pattern.substring(0, pattern.length() - 1) : pattern;
        if (path.contains("..") || path.contains("*") || path.contains("//") || path.contains("%")) {
            return false;
        }
        return path.startsWith(namespace) || path.equals(namespace.substring(0, namespace.length() - 1));
    }

    /** The service in a few words: its first type, its name and its service id. */
    static String describe(Map<String, Object> serviceProperties) {
        Map<String, Object> properties = withoutCase(serviceProperties);
        List<String> types = strings(properties.get("objectClass"));
        Object name = properties.getOrDefault("osgi.http.whiteboard.servlet.name",
                properties.get("osgi.http.whiteboard.filter.name"));
        String kind = types.stream().map(RouteRules::simpleName).findFirst().orElse("service");
        return kind + (name == null ? "" : " '" + name + "'") + " (service " + properties.get("service.id") + ")";
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof String[] array) {
            return List.of(array);
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
