package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleEvent;

import dev.plinth.common.BundleIdFile;

/**
 * Who installed each bundle the manager did not install: the origin of its {@code INSTALLED} event (the bundle
 * whose context installed it), by bundle id. The file lives in the manager's own area of the framework cache, like
 * the bundles it describes, so a wiped cache takes both along.
 */
final class Installers {

    private final Path file;
    private final Bundle manager;
    private final Map<Long, String> installers = new ConcurrentHashMap<>();

    Installers(Path file, Bundle manager) {
        this.file = file;
        this.manager = manager;
        load();
    }

    /** The id of the bundle that installed {@code bundle}, when the manager saw it happen. */
    String of(Bundle bundle) {
        return installers.get(bundle.getBundleId());
    }

    /**
     * Notes the installer of a bundle that appears (unless it is the manager) and forgets the installer of a bundle
     * that goes; returns whether anything changed.
     */
    boolean seen(BundleEvent event) throws IOException {
        Bundle bundle = event.getBundle();
        boolean changed;
        if (event.getType() == BundleEvent.INSTALLED) {
            Bundle origin = event.getOrigin();
            if (origin == null || origin.equals(manager) || origin.equals(bundle)) {
                return false;
            }
            String installer = FrameworkAccess.id(origin);
            installer = installer != null ? installer : "bundle " + origin.getBundleId();
            changed = !installer.equals(installers.put(bundle.getBundleId(), installer));
        } else if (event.getType() == BundleEvent.UNINSTALLED) {
            changed = installers.remove(bundle.getBundleId()) != null;
        } else {
            return false;
        }
        if (changed) {
            save();
        }
        return changed;
    }

    /** Forgets the bundles no longer installed (uninstalled while the manager was not listening). */
    void keepOnly(Bundle[] installed) throws IOException {
        java.util.Set<Long> ids = new java.util.HashSet<>();
        for (Bundle bundle : installed) {
            ids.add(bundle.getBundleId());
        }
        if (installers.keySet().retainAll(ids)) {
            save();
        }
    }

    private void load() {
        if (file != null) {
            installers.putAll(BundleIdFile.read(file));
        }
    }

    private synchronized void save() throws IOException {
        if (file == null) {
            return;
        }
        BundleIdFile.write(file, installers,
                "the bundle that installed each bundle the plugin manager did not install");
    }
}
