package dev.plinth.settings.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;

import dev.plinth.common.BundleIdFile;

/**
 * Which plugin each bundle belongs to that the plugin manager did not install: a bundle installed by a plugin, or by a
 * bundle a plugin installed, is that plugin's. Noted from the origin of each {@code INSTALLED} event (synchronously,
 * before the bundle can start), kept in the settings bundle's own data area so it survives a restart and goes with a
 * wiped cache, like the bundles it describes.
 * <p>
 * A bundle installed while the settings bundle was not listening has no known origin. In the distribution (the
 * settings bundle is one of the runtime's own, location {@value #SYSTEM_PREFIX}...) such a bundle counts as a
 * plugin's whose installer is unknown ({@value #UNKNOWN}), unless it is one of the runtime's own bundles: the guard
 * fails closed. In an embedding (Karaf, a plain Felix or Equinox) the host installs its bundles in its own ways, so a
 * bundle of unknown origin counts as the runtime's.
 */
final class InstallOrigins implements SynchronousBundleListener {

    /** The location prefix of the runtime's own bundles in the distribution. */
    static final String SYSTEM_PREFIX = "plinth:system/";

    /** The plugin id given to a bundle whose installer is not known (never a plugin's id). */
    static final String UNKNOWN = "(unknown installer)";

    private static final String CORE = "";

    private final Path file;
    private final boolean distribution;
    private final Map<Long, String> owners = new ConcurrentHashMap<>();
    private volatile PluginBundles bundles;

    /**
     * @param file where the record is kept, or {@code null} to keep it in memory only
     * @param distribution whether the runtime is the distribution (unknown origins fail closed)
     */
    InstallOrigins(Path file, boolean distribution) {
        this.file = file;
        this.distribution = distribution;
        load();
    }

    /** Sets who decides the plugin of an installing bundle. */
    InstallOrigins decidingWith(PluginBundles bundles) {
        this.bundles = bundles;
        return this;
    }

    /** The plugin of {@code bundle}, which the plugin manager did not install; empty when it is the runtime's. */
    Optional<String> pluginOf(Bundle bundle) {
        String owner = owners.get(bundle.getBundleId());
        if (owner != null) {
            return owner.equals(CORE) ? Optional.empty() : Optional.of(owner);
        }
        if (!distribution || bundle.getBundleId() == 0 || bundle.getLocation().startsWith(SYSTEM_PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(UNKNOWN);
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        boolean changed;
        if (event.getType() == BundleEvent.INSTALLED) {
            if (bundle.getLocation().startsWith(PluginBundles.LOCATION_PREFIX)) {
                return;
            }
            Bundle origin = event.getOrigin();
            PluginBundles decider = bundles;
            String owner = origin == null || origin.equals(bundle) || decider == null ? CORE
                    : decider.pluginId(origin).orElse(CORE);
            changed = !owner.equals(owners.put(bundle.getBundleId(), owner));
        } else if (event.getType() == BundleEvent.UNINSTALLED) {
            changed = owners.remove(bundle.getBundleId()) != null;
        } else {
            return;
        }
        if (changed) {
            save();
        }
    }

    /** Forgets the bundles no longer installed (uninstalled while nobody was listening). */
    void keepOnly(Bundle[] installed) {
        Set<Long> ids = new HashSet<>();
        for (Bundle bundle : installed) {
            ids.add(bundle.getBundleId());
        }
        if (owners.keySet().retainAll(ids)) {
            save();
        }
    }

    private void load() {
        if (file != null) {
            owners.putAll(BundleIdFile.read(file));
        }
    }

    /** Writes the record; when it cannot be written, the bundles it misses count as of unknown origin after a restart. */
    private synchronized void save() {
        if (file == null) {
            return;
        }
        try {
            BundleIdFile.write(file, owners, "the plugin of each bundle a plugin installed (empty: the runtime's)");
        } catch (IOException e) {
            // kept in memory
        }
    }
}
