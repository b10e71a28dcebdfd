package dev.plinth.framework.internal;

/** Names of the properties the launcher reads or sets. */
public final class LauncherProperties {

    public static final String HOME = "plinth.home";
    public static final String CONF = "plinth.conf";
    public static final String ETC = "plinth.etc";
    public static final String SYSTEM = "plinth.system";
    public static final String DEPLOY = "plinth.deploy";
    public static final String DATA = "plinth.data";
    public static final String LOG = "plinth.log";
    public static final String VERSION = "plinth.version";
    /** Service property: while a service carries it, the runtime is not ready (see the API's PlinthProperties). */
    public static final String STARTUP_PENDING = "plinth.startup.pending";
    /**
     * Service property: a service carrying it says why the runtime cannot serve although its bundles started (the
     * REST API's HTTP server could not listen, say); a daemon then fails its start.
     */
    public static final String STARTUP_FAILED = "plinth.startup.failed";

    public static final String BOOT_START_LEVEL = "plinth.startlevel.boot";
    public static final String CONSOLE_START_LEVEL = "plinth.startlevel.console";
    /**
     * The start level of the plugin manager, and so of the plugins it starts: the launcher holds the framework
     * below it until the boot bundles under it have finished their start (the configuration files of etc/ applied).
     */
    public static final String PLUGINS_START_LEVEL = "plinth.startlevel.plugins";
    public static final String START_LEVELS = "plinth.startlevels";
    public static final String READY_TIMEOUT = "plinth.ready.timeout";
    public static final String SHUTDOWN_TIMEOUT = "plinth.shutdown.timeout";

    public static final String STORAGE = "org.osgi.framework.storage";
    public static final String BEGINNING_START_LEVEL = "org.osgi.framework.startlevel.beginning";

    public static final String GOSH_ARGS = "gosh.args";

    /** Felix HTTP: whether it listens on HTTP at all; off for one-shot runs ({@code exec}, piped commands). */
    public static final String HTTP_ENABLE = "org.apache.felix.http.enable";

    private LauncherProperties() {
    }
}
