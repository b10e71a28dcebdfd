package dev.plinth.settings.internal;

import java.util.List;
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
        if (isCore(pluginId, pid)) {
            return Optional.of(coreOwner(pid));
        }
        for (Bundle plugin : bundles.plugins()) {
            String other = bundles.pluginId(plugin).orElse(null);
            if (other == null || other.equals(pluginId)) {
                continue;
            }
            if (schemas.apply(plugin).stream().anyMatch(s -> s.pid().equals(pid))) {
                return Optional.of("plugin " + other);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code pid} is in a namespace of the runtime's core, and not under {@code pluginId} itself. */
    static boolean isCore(String pluginId, String pid) {
        if (pluginId != null && (pid.equals(pluginId) || pid.startsWith(pluginId + ".")
                || pid.startsWith(pluginId + "~"))) {
            return false;
        }
        return CORE_PREFIXES.stream().anyMatch(pid::startsWith);
    }

    private String coreOwner(String pid) {
        String best = null;
        for (Bundle bundle : bundles.core()) {
            String name = bundle.getSymbolicName();
            if (name != null && (pid.equals(name) || pid.startsWith(name + ".") || pid.startsWith(name + "~"))
                    && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best != null ? best : "the runtime's core";
    }
}
