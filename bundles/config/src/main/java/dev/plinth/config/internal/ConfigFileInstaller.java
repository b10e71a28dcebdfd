package dev.plinth.config.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.common.SettlingWatcher;
import jakarta.json.spi.JsonProvider;

/**
 * Applies the configuration files of a directory ({@code etc/} by default) to Configuration
 * Admin: all of them when it starts, then each one as it is added, changed or deleted. A file
 * that cannot be read is reported in the log and leaves the configuration it had before. The
 * rules are those of {@link ConfigDirectory}.
 */
@Component(service = {}, immediate = true, configurationPid = ConfigFileInstaller.PID)
@Designate(ocd = ConfigFileInstaller.Config.class)
public final class ConfigFileInstaller {

    /** A directory that keeps changing is looked at after this long anyway. */
    private static final Duration LONGEST_DELAY = Duration.ofSeconds(30);

    static final String PID = "dev.plinth.config";

    @ObjectClassDefinition(name = "Plinth configuration files",
            description = "Applies the .cfg, .config and .cfg.json files of a directory to Configuration Admin.")
    public @interface Config {

        @AttributeDefinition(name = "Directory",
                description = "The directory to watch. Empty: the framework property plinth.etc (the home's etc/).")
        String directory() default "";

        @AttributeDefinition(name = "Settle time (ms)",
                description = "How long a changed file must see no further change before it is applied.")
        long settle_ms() default 100;
    }

    private final SettlingWatcher watcher;

    /**
     * The JSON provider is not used here directly: requiring it makes sure JSON-P can be found
     * before the first {@code .cfg.json} file is read. Until every file has been applied once, a
     * service marked {@link PlinthProperties#STARTUP_PENDING} holds back the launcher, which starts
     * the plugin manager (and with it the plugins) only then.
     */
    @Activate
    public ConfigFileInstaller(@Reference ConfigurationAdmin configurationAdmin, @Reference JsonProvider json,
            @Reference(service = LoggerFactory.class) Logger log, BundleContext context, Config config)
            throws IOException {
        Path directory = directory(config, context);
        if (directory == null || !Files.isDirectory(directory)) {
            log.warn("no configuration directory to watch (set {} or the directory of {}); configuration files "
                    + "are not applied", PlinthProperties.ETC, PID);
            this.watcher = null;
            return;
        }
        ServiceRegistration<Object> pending = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(PlinthProperties.STARTUP_PENDING,
                        "the configuration files of " + directory + " are being applied")));
        try {
            File store = context.getDataFile("applied-files.properties");
            AppliedFiles applied;
            try {
                applied = AppliedFiles.load(store == null ? null : store.toPath());
            } catch (IOException | IllegalArgumentException e) {
                log.warn("cannot read which configuration files were applied ({}); every file is applied again",
                        e.getMessage());
                applied = AppliedFiles.load(null);
            }
            ConfigDirectory files = new ConfigDirectory(directory, new ConfigurationSync(configurationAdmin), applied,
                    log);
            files.applyAll();
            Duration settle = Duration.ofMillis(Math.max(0, config.settle_ms()));
            this.watcher = new SettlingWatcher(directory, settle, LONGEST_DELAY, "plinth-config-watcher",
                    files::changed,
                    (message, cause) -> {
                        if (cause == null) {
                            log.warn("{}", message);
                        } else {
                            log.error("{}", message, cause);
                        }
                    });
            this.watcher.start(() -> { });
            log.info("applying configuration files from {}", directory);
        } finally {
            pending.unregister();
        }
    }

    @Deactivate
    void stop() {
        if (watcher != null) {
            watcher.close();
        }
    }

    private static Path directory(Config config, BundleContext context) {
        String configured = config.directory().isBlank() ? context.getProperty(PlinthProperties.ETC)
                : config.directory();
        return configured == null || configured.isBlank() ? null : Path.of(configured).toAbsolutePath();
    }
}
