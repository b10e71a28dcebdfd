package dev.plinth.feature.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Proves that a set of bundles resolves on its own: installs them, and nothing else, into an empty Felix
 * framework (the one the runtime uses, on the JVM running the build) and asks it to resolve them. Nothing
 * is started.
 */
public final class ResolveCheck {

    private ResolveCheck() {
    }

    /**
     * @param bundles the bundle jars
     * @param scratch a directory for the framework's cache, deleted afterwards
     * @return one line for every bundle that does not resolve, with the framework's reason; empty when all do
     */
    public static List<String> unresolved(List<Path> bundles, Path scratch) throws IOException, BundleException {
        Path storage = Files.createTempDirectory(Files.createDirectories(scratch), "felix-");
        Framework framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                "felix.log.level", "0"));
        try {
            framework.init();
            List<Bundle> installed = new ArrayList<>();
            for (Path jar : bundles) {
                try (InputStream in = Files.newInputStream(jar)) {
                    installed.add(framework.getBundleContext().installBundle(jar.toUri().toString(), in));
                }
            }
            framework.adapt(FrameworkWiring.class).resolveBundles(installed);
            List<String> failures = new ArrayList<>();
            for (Bundle bundle : installed) {
                if (bundle.getState() == Bundle.INSTALLED) {
                    failures.add(bundle.getSymbolicName() + " " + bundle.getVersion() + ": " + reason(bundle));
                }
            }
            return failures;
        } finally {
            framework.stop();
            try {
                framework.waitForStop(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delete(storage);
        }
    }

    private static String reason(Bundle bundle) {
        if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
            return "a fragment whose host did not resolve, or that does not fit it";
        }
        try {
            bundle.loadClass(ResolveCheck.class.getName());
            return "not resolved";
        } catch (ClassNotFoundException e) {
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof BundleException)) {
                cause = cause.getCause();
            }
            return cause.getMessage();
        }
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
