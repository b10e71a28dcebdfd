package dev.plinth.settings.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.osgi.framework.Bundle;

/**
 * Who owns a configuration PID: the runtime's core (PIDs under {@code dev.plinth.}, {@code org.apache.felix.},
 * {@code org.osgi.} and the other namespaces of the framework's bundles), or the plugin whose metatype declares
 * it. A plugin owns the PIDs its metatype declares that nobody else owns; PIDs under its own id are never core.
 */
final class Ownership {

    static final List<String> CORE_PREFIXES = List.of("dev.plinth.", "org.apache.felix.", "org.apache.aries.",
            "org.osgi.", "osgi.", "org.eclipse.", "org.ops4j.", "java.", "javax.", "jakarta.");

    private final PluginBundles bundles;
    private final Function<Bundle, List<ConfigurationSchema>> schemas;

    Ownership(PluginBundles bundles, Function<Bundle, List<ConfigurationSchema>> schemas) {
        this.bundles = bundles;
        this.schemas = schemas;
    }

    /**
     * The owner of {@code pid} when it is not {@code pluginId}'s to declare: {@code "<core bundle>"} or
     * {@code "plugin <id>"}; empty when {@code pluginId} may own it.
     */
    Optional<String> otherOwner(String pluginId, String pid) {
        String coreBundle = coreBundle(pid);
        if (coreBundle != null) {
            return Optional.of(coreBundle);
        }
        if (isCore(pluginId, pid)) {
            return Optional.of("the runtime's core");
        }
        for (Bundle plugin : bundles.plugins()) {
            String other = bundles.pluginId(plugin).orElse(null);
            if (other == null || other.equals(pluginId)) {
                continue;
            }
            if (schemas.apply(plugin).stream().anyMatch(s -> s.pid().equalsIgnoreCase(pid))) {
                return Optional.of("plugin " + other);
            }
        }
        return Optional.empty();
    }

    /**
     * The owner of an existing configuration of {@code pid} (its factory PID for a factory configuration) that no
     * metatype of {@code pluginId} declares, when it is not {@code pluginId}'s: such a PID belongs to the plugin its
     * configuration is bound to (its location is the plugin's or that of a bundle the plugin installed). One bound to
     * no bundle or to a region ({@code ?...}) was made by an operator: it is {@code pluginId}'s only under its own id
     * ({@code <id>}, {@code <id>.*}). Call after {@link #otherOwner(String, String)} found none.
     */
    Optional<String> boundOwner(String pluginId, String pid, String location) {
        Optional<Bundle> plugin = bundles.plugin(pluginId);
        if (plugin.isPresent() && schemas.apply(plugin.get()).stream().anyMatch(s -> s.pid().equalsIgnoreCase(pid))) {
            return Optional.empty();
        }
        if (location == null || location.startsWith("?")) {
            boolean underOwnId = pid.equals(pluginId) || pid.startsWith(pluginId + ".")
                    || pid.startsWith(pluginId + "~");
            return underOwnId ? Optional.empty()
                    : Optional.of("the operator (it is bound to " + (location == null ? "no bundle" : location)
                            + ")");
        }
        if (location.equals(PluginBundles.LOCATION_PREFIX + pluginId)) {
            return Optional.empty();
        }
        Optional<Bundle> bound = bundles.at(location);
        Optional<String> boundPlugin = bound.flatMap(bundles::pluginId);
        if (boundPlugin.isPresent()) {
            return boundPlugin.get().equals(pluginId) ? Optional.empty()
                    : Optional.of("plugin " + boundPlugin.get() + " (it is bound to it)");
        }
        return Optional.of("the bundle at " + location + " (it is bound to it)");
    }

    /**
     * Why {@code pid} cannot be a plugin's configuration PID, or {@code null}: a PID is a symbolic name (letters,
     * digits, {@code _ - .}, no empty segment), since Configuration Admin's store makes a path of it.
     */
    static String invalidPid(String pid) {
        if (pid == null || pid.isEmpty() || pid.length() > 200) {
            return "a PID is 1 to 200 characters";
        }
        if (!pid.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
            return "a PID is a symbolic name: letters, digits, _ and -, in segments joined by dots";
        }
        return null;
    }

    /**
     * Whether {@code pid} is in a namespace of the runtime's core (in any case), and not under {@code pluginId}
     * itself.
     */
    static boolean isCore(String pluginId, String pid) {
        String lower = pid.toLowerCase(Locale.ROOT);
        if (pluginId != null && (pid.equals(pluginId) || pid.startsWith(pluginId + ".")
                || pid.startsWith(pluginId + "~"))) {
            return false;
        }
        return CORE_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /** The core bundle whose namespace {@code pid} is in (in any case), or {@code null}. */
    private String coreBundle(String pid) {
        String lower = pid.toLowerCase(Locale.ROOT);
        String best = null;
        for (Bundle bundle : bundles.core()) {
            String name = bundle.getSymbolicName();
            String key = name == null ? null : name.toLowerCase(Locale.ROOT);
            if (key != null && (lower.equals(key) || lower.startsWith(key + ".") || lower.startsWith(key + "~"))
                    && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best;
    }
}
