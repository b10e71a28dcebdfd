package dev.plinth.itests.blackbox;

import java.nio.file.Path;

import dev.plinth.common.testing.BundleJar;

/** Small real bundles made on the spot for tests that need a bundle of their own. */
public final class TestBundles {

    private TestBundles() {
    }

    /** A bundle with nothing in it but its manifest. */
    public static Path empty(Path file, String symbolicName, String version) {
        return BundleJar.bundle(symbolicName, version).writeTo(file);
    }

    /** A bundle whose activator takes a minute to stop. */
    public static Path slowToStop(Path file) {
        return withActivator(file, "dev.plinth.itests.slowstop", SlowStopActivator.class);
    }

    /** A bundle that holds back the runtime's ready line (a {@code plinth.startup.pending} service) for good. */
    public static Path neverReady(Path file) {
        return withActivator(file, "dev.plinth.itests.pending", PendingStartActivator.class);
    }

    /** A bundle that logs through java.util.logging when it starts and when it stops. */
    public static Path loggingThroughJul(Path file) {
        return withActivator(file, "dev.plinth.itests.jul", JulLoggingActivator.class);
    }

    /** A bundle whose activator throws when it starts. */
    public static Path failingToStart(Path file) {
        return withActivator(file, "dev.plinth.itests.failingstart", FailingStartActivator.class);
    }

    /** A plugin recording the configurations delivered to it in {@code data/probe.log} ({@link ConfigurationProbe}). */
    public static Path configurationProbe(Path file) {
        return BundleJar.bundle("dev.plinth.itests.probe", "1.0.0").activator(ConfigurationProbe.class)
                .imports("org.osgi.framework, org.osgi.service.cm").writeTo(file);
    }

    /** A plugin trying core configurations through Configuration Admin ({@link ConfigurationAdminProbe}). */
    public static Path configurationAdminProbe(Path file) {
        return BundleJar.bundle(ConfigurationAdminProbe.ID, "1.0.0").activator(ConfigurationAdminProbe.class)
                .classOf(ConfigurationAdminProbe.Call.class)
                .imports("org.osgi.framework, org.osgi.service.cm").writeTo(file);
    }

    /**
     * A hostile plugin, {@code dev.plinth.itests.dropper}, whose activator installs a bundle of its own
     * ({@link InstallingActivator#PAYLOAD}, packed in it as {@link InstallingActivator#PAYLOAD_ENTRY}) behind the
     * plugin manager's back.
     */
    public static Path installingABundleOfItsOwn(Path file) {
        byte[] payload = BundleJar.bundle(InstallingActivator.PAYLOAD, "6.6.6").header("Bundle-Name", "Payload")
                .toBytes();
        return withActivator("dev.plinth.itests.dropper", InstallingActivator.class)
                .entry(InstallingActivator.PAYLOAD_ENTRY, payload).writeTo(file);
    }

    /** A bundle of {@code symbolicName} 1.0.0 with {@code activator} (a class of the tests) as its activator. */
    public static Path withActivator(Path file, String symbolicName, Class<?> activator) {
        return withActivator(symbolicName, activator).writeTo(file);
    }

    private static BundleJar withActivator(String symbolicName, Class<?> activator) {
        return BundleJar.bundle(symbolicName, "1.0.0").activator(activator).imports("org.osgi.framework");
    }

    /**
     * A plugin that tries to serve outside its namespace ({@link HostileRoutesActivator}): {@code keyCase} {@code upper}
     * writes the whiteboard properties in upper case, {@code context} {@code system} registers through the system
     * bundle's context.
     */
    public static Path hostileRoutes(Path file, String symbolicName, String keyCase, String context) {
        return BundleJar.bundle(symbolicName, "1.0.0").activator(HostileRoutesActivator.class)
                .imports("org.osgi.framework,jakarta.servlet,jakarta.servlet.http")
                .header(HostileRoutesActivator.KEY_CASE, keyCase).header(HostileRoutesActivator.CONTEXT, context)
                .classOf(HostileRoutesActivator.Snoop.class, HostileRoutesActivator.Answer.class).writeTo(file);
    }
}
