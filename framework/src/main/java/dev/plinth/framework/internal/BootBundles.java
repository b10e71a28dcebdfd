package dev.plinth.framework.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.startlevel.BundleStartLevel;

import dev.plinth.common.BundleIdentity;
import dev.plinth.framework.ExitStatus;
import dev.plinth.framework.PlinthException;

/**
 * Makes the framework's boot bundles match the jars in {@code system/}: a new jar is installed,
 * a changed jar updated, a removed jar uninstalled. Every boot bundle gets its start level from
 * the {@link StartLevelPolicy} and is marked for start. Bundles installed by anyone else are
 * left alone.
 */
public final class BootBundles {

    /** Locations of boot bundles: this prefix and the jar's file name, independent of where the home is. */
    public static final String LOCATION_PREFIX = "plinth:system/";

    private final BundleContext context;
    private final Path systemDirectory;
    private final StartLevelPolicy startLevels;

    public BootBundles(BundleContext context, Path systemDirectory, StartLevelPolicy startLevels) {
        this.context = context;
        this.systemDirectory = systemDirectory;
        this.startLevels = startLevels;
    }

    /** Reconciles the framework with {@code system/}; returns the boot bundles, lowest start level first. */
    public List<Bundle> reconcile() {
        List<BootJar> jars = scan();
        Map<String, Bundle> installed = new HashMap<>();
        for (Bundle bundle : context.getBundles()) {
            if (bundle.getLocation().startsWith(LOCATION_PREFIX)) {
                installed.put(bundle.getLocation(), bundle);
            }
        }
        List<Bundle> boot = new ArrayList<>();
        for (BootJar jar : jars) {
            Bundle bundle = installed.remove(jar.location());
            boot.add(bundle == null ? install(jar) : updateIfChanged(bundle, jar));
        }
        for (Bundle gone : installed.values()) {
            uninstall(gone);
        }
        for (int i = 0; i < boot.size(); i++) {
            prepare(boot.get(i), jars.get(i).startLevel());
        }
        return boot;
    }

    private List<BootJar> scan() {
        if (!Files.isDirectory(systemDirectory)) {
            throw new PlinthException(ExitStatus.START_FAILED, "the boot bundle directory " + systemDirectory
                    + " does not exist");
        }
        List<BootJar> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(systemDirectory, "*.jar")) {
            for (Path file : files) {
                jars.add(read(file));
            }
        } catch (IOException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "cannot list " + systemDirectory + ": "
                    + e.getMessage(), e);
        }
        jars.sort(Comparator.comparingInt(BootJar::startLevel).thenComparing(BootJar::fileName));
        return jars;
    }

    private BootJar read(Path file) {
        try {
            BundleIdentity identity = BundleIdentity.of(file);
            if (identity == null) {
                throw new PlinthException(ExitStatus.START_FAILED, "boot jar " + file
                        + " is not an OSGi bundle (its manifest has no Bundle-SymbolicName)");
            }
            return new BootJar(file, identity.symbolicName(), Version.parseVersion(identity.version()),
                    startLevels.levelOf(identity.symbolicName()), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException | IllegalArgumentException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "boot jar " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private Bundle install(BootJar jar) {
        try (InputStream in = Files.newInputStream(jar.file())) {
            return context.installBundle(jar.location(), in);
        } catch (IOException | BundleException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "cannot install boot bundle " + jar.file() + ": "
                    + e.getMessage(), e);
        }
    }

    private Bundle updateIfChanged(Bundle bundle, BootJar jar) {
        if (jar.lastModified() <= bundle.getLastModified() && jar.symbolicName().equals(bundle.getSymbolicName())
                && jar.version().equals(bundle.getVersion())) {
            return bundle;
        }
        try (InputStream in = Files.newInputStream(jar.file())) {
            bundle.update(in);
            return bundle;
        } catch (IOException | BundleException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "cannot update boot bundle " + jar.file() + ": "
                    + e.getMessage(), e);
        }
    }

    private void uninstall(Bundle bundle) {
        try {
            bundle.uninstall();
        } catch (BundleException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "cannot uninstall boot bundle "
                    + bundle.getSymbolicName() + " whose jar left " + systemDirectory + ": " + e.getMessage(), e);
        }
    }

    private void prepare(Bundle bundle, int startLevel) {
        BundleStartLevel level = bundle.adapt(BundleStartLevel.class);
        if (level.getStartLevel() != startLevel) {
            level.setStartLevel(startLevel);
        }
        if (isFragment(bundle) || level.isPersistentlyStarted()) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new PlinthException(ExitStatus.START_FAILED, "cannot mark boot bundle " + bundle.getSymbolicName()
                    + " for start: " + e.getMessage(), e);
        }
    }

    public static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    }

    private record BootJar(Path file, String symbolicName, Version version, int startLevel, long lastModified) {

        String fileName() {
            return file.getFileName().toString();
        }

        String location() {
            return LOCATION_PREFIX + fileName();
        }
    }
}
