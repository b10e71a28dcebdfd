package dev.plinth.deploy.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

import dev.plinth.api.DeployDirectory;
import dev.plinth.api.DeployedFile;
import dev.plinth.api.Options;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.api.PluginManager;
import dev.plinth.common.SettlingWatcher;

/**
 * The watched deploy directory: at activation it catches up with what changed while Plinth was stopped (the
 * ready line waits for that), then it follows the directory's file events.
 */
@Component(service = DeployDirectory.class, immediate = true, configurationPid = WatchedDeployDirectory.PID)
@Designate(ocd = WatchedDeployDirectory.Config.class)
public final class WatchedDeployDirectory implements DeployDirectory {

    static final String PID = "dev.plinth.deploy";

    @ObjectClassDefinition(name = "Plinth deploy directory",
            description = "The directory whose jars are installed, upgraded and removed as they appear, change and go.")
    public @interface Config {

        @AttributeDefinition(name = "Directory",
                description = "The directory watched; empty for plinth.deploy (deploy/ of the home).")
        String directory() default "";

        @AttributeDefinition(name = "Settle time (ms)",
                description = "How long the directory must be quiet after a change before it is acted on; "
                        + "files changed together are handled as one batch.")
        long settle_ms() default 10;

        @AttributeDefinition(name = "Longest delay (ms)",
                description = "Act after this long even if the directory keeps changing.")
        long longest_delay_ms() default 1000;

        @AttributeDefinition(name = "Incomplete file bound (ms)",
                description = "How long a jar that is not complete yet may stay unchanged before it is reported "
                        + "as unusable.")
        long incomplete_ms() default 2000;

        @AttributeDefinition(name = "Enable", description = "Enable the plugins the directory installs.")
        boolean enable() default true;

        @AttributeDefinition(name = "Follow links leaving the directory",
                description = "Deploy jars that are symbolic links to files outside the directory; by default "
                        + "such links are refused (links to files inside it are always followed).")
        boolean links_outside() default false;
    }

    private final Path directory;
    private final PluginManager manager;
    private final StatusBoard board;
    private final SettlingWatcher watcher;
    private final Deployer deployer;
    private final ServiceRegistration<Object> startupPending;

    @Activate
    public WatchedDeployDirectory(BundleContext context, Config config, @Reference PluginManager manager,
            @Reference(service = LoggerFactory.class) Logger log) throws IOException {
        this.directory = directory(context, config);
        this.manager = manager;
        Files.createDirectories(directory);
        Path data = Path.of(property(context, PlinthProperties.DATA, "data"));
        DeployLedger ledger = new DeployLedger(data.resolve("deploy").resolve("deployed.json"));
        Clock clock = Clock.systemUTC();
        this.board = new StatusBoard(log, clock);
        this.watcher = new SettlingWatcher(directory, Duration.ofMillis(Math.max(1, config.settle_ms())),
                Duration.ofMillis(config.longest_delay_ms()), "plinth-deploy", changes -> deployer().handle(changes),
                (message, cause) -> {
                    if (cause == null) {
                        log.warn("{}", message);
                    } else {
                        log.error("{}", message, cause);
                    }
                });
        this.deployer = new Deployer(directory, manager, ledger, board, watcher::recheck,
                Options.DEFAULT.withOrigin("deploy").withEnable(config.enable()),
                Duration.ofMillis(Math.max(1, config.incomplete_ms())), config.links_outside(), clock, log);
        this.startupPending = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(PlinthProperties.STARTUP_PENDING,
                        "the deploy directory is catching up with " + directory)));
        watcher.start(() -> {
            try {
                deployer.reconcile();
                log.info("watching {}", directory);
            } finally {
                unregisterQuietly(startupPending);
            }
        });
    }

    @Deactivate
    void stop() {
        watcher.close();
        unregisterQuietly(startupPending);
    }

    @Override
    public Path directory() {
        return directory;
    }

    @Override
    public List<DeployedFile> files() {
        return board.files().stream().map(file -> CurrentStatus.of(file, manager, board)).toList();
    }

    private Deployer deployer() {
        return deployer;
    }

    private static Path directory(BundleContext context, Config config) {
        String configured = config.directory().isBlank() ? property(context, PlinthProperties.DEPLOY, "deploy")
                : config.directory();
        return Path.of(configured).toAbsolutePath().normalize();
    }

    private static String property(BundleContext context, String name, String fallback) {
        String value = context.getProperty(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static void unregisterQuietly(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // already unregistered
        }
    }
}
