package dev.plinth.console.internal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.plinth.common.ConsoleContributions;

/**
 * The enabled plugins that bring console pages: bundles the manager installed (at {@code plinth:managed/<id>}, the
 * id being the symbolic name) that are {@code ACTIVE} and have a {@code Plinth-Console} header. A plugin is here from
 * its start to its stop; one whose console cannot be served (invalid header, files over the bounds, a missing
 * entry) is kept as a problem instead, which the module list names.
 */
final class EnabledPlugins {

    /** Where the manager installs plugins: {@code plinth:managed/<id>}. */
    static final String MANAGED = "plinth:managed/";
    private static final Logger LOG = LoggerFactory.getLogger(EnabledPlugins.class);

    private final Map<String, PluginConsole> consoles = new ConcurrentHashMap<>();
    private final Map<String, Problem> problems = new ConcurrentHashMap<>();

    /** A plugin whose console is not served, and why. */
    record Problem(long bundleId, String message) {
    }

    /** Whether the console follows this bundle: a managed plugin with console pages. */
    static boolean brings(Bundle bundle) {
        String id = bundle.getSymbolicName();
        return id != null && (MANAGED + id).equals(bundle.getLocation())
                && bundle.getHeaders("").get(ConsoleContributions.HEADER) != null;
    }

    /** Takes a bundle that started (ignored unless it {@link #brings} console pages). */
    void started(Bundle bundle) {
        if (!brings(bundle)) {
            return;
        }
        String id = bundle.getSymbolicName();
        try {
            PluginConsole console = PluginConsoleReader.read(bundle);
            problems.remove(id);
            consoles.put(id, console);
            LOG.debug("console pages of {} {} served at revision {}", id, console.version(), console.revision());
        } catch (PluginConsoleReader.Unusable e) {
            consoles.remove(id);
            problems.put(id, new Problem(bundle.getBundleId(), e.getMessage()));
            LOG.warn("The console pages of plugin {} {} are not served: {}", id, bundle.getVersion(), e.getMessage());
        }
    }

    /** Forgets a bundle that stopped. */
    void stopped(Bundle bundle) {
        String id = bundle.getSymbolicName();
        if (id == null) {
            return;
        }
        consoles.computeIfPresent(id, (key, console) -> console.bundleId() == bundle.getBundleId() ? null : console);
        problems.computeIfPresent(id, (key, problem) -> problem.bundleId() == bundle.getBundleId() ? null : problem);
    }

    /** The console of an enabled plugin, or {@code null}. */
    PluginConsole get(String id) {
        return id == null ? null : consoles.get(id);
    }

    /** The consoles served, by plugin id. */
    List<PluginConsole> all() {
        return consoles.values().stream().sorted(Comparator.comparing(PluginConsole::id)).toList();
    }

    /** Why the consoles of some enabled plugins are not served, by plugin id. */
    Map<String, String> problems() {
        Map<String, String> sorted = new TreeMap<>();
        problems.forEach((id, problem) -> sorted.put(id, problem.message()));
        return sorted;
    }
}
