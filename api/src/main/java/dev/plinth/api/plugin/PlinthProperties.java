package dev.plinth.api.plugin;

/**
 * Names of the framework properties the Plinth launcher sets. A bundle reads them with
 * {@code BundleContext.getProperty(name)}; every value is an absolute path or a plain string.
 */
public final class PlinthProperties {

    /** The Plinth home directory: the folder holding {@code bin/}, {@code conf/} and {@code etc/}. */
    public static final String HOME = "plinth.home";

    /** The configuration directory whose files are applied to Configuration Admin. */
    public static final String ETC = "plinth.etc";

    /** The data directory: framework cache, logs and Plinth's own state. */
    public static final String DATA = "plinth.data";

    /** The directory operators drop plugin archives into. */
    public static final String DEPLOY = "plinth.deploy";

    /** The directory holding the boot bundles. */
    public static final String SYSTEM = "plinth.system";

    /** The Plinth version, as printed in the ready line. */
    public static final String VERSION = "plinth.version";

    /**
     * A service property, not a framework property: while a service carrying it is registered, the
     * launcher holds back the ready line (within its ready timeout). A bundle that must finish work
     * before the runtime counts as ready registers such a service, of any type, and unregisters it when
     * done; the value says what is pending, for the warning printed when the timeout passes first.
     */
    public static final String STARTUP_PENDING = "plinth.startup.pending";

    /**
     * Service property of a service a bundle registers when the runtime cannot serve (its port cannot be bound,
     * say); its value is the reason. A background start fails with it, the console shows it as a warning.
     */
    public static final String STARTUP_FAILED = "plinth.startup.failed";

    private PlinthProperties() {
    }
}
