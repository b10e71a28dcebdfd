package dev.plinth.config.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.osgi.framework.BundleContext;
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

import dev.plinth.api.PlinthProperties;
import jakarta.json.spi.JsonProvider;

/**
 * Applies the configuration files of a directory ({@code etc/} by default) to Configuration
 * Admin: all of them when it starts, then each one as it is added, changed or deleted. A file
 * that cannot be read is reported in the log and leaves the configuration it had before.
 */
@Component(service = {}, immediate = true, configurationPid = ConfigFileInstaller.PID)
@Designate(ocd = ConfigFileInstaller.Config.class)
public final class ConfigFileInstaller {

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

    private final Logger log;
    private final ConfigurationSync sync;
    private final Path directory;
    private final DirectoryWatcher watcher;

    /**
     * The JSON provider is not used here directly: requiring it makes sure JSON-P can be found
     * before the first {@code .cfg.json} file is read.
     */
    @Activate
    public ConfigFileInstaller(@Reference ConfigurationAdmin configurationAdmin, @Reference JsonProvider json,
            @Reference(service = LoggerFactory.class) Logger log, BundleContext context, Config config)
            throws IOException {
        this.log = log;
        this.sync = new ConfigurationSync(configurationAdmin);
        this.directory = directory(config, context);
        if (directory == null || !Files.isDirectory(directory)) {
            log.warn("no configuration directory to watch (set {} or the directory of {}); configuration files "
                    + "are not applied", PlinthProperties.ETC, PID);
            this.watcher = null;
            return;
        }
        applyAll();
        this.watcher = new DirectoryWatcher(directory, Duration.ofMillis(Math.max(0, config.settle_ms())),
                this::changed, "plinth-config-watcher", log);
        this.watcher.start();
        log.info("applying configuration files from {}", directory);
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

    private void applyAll() {
        Set<String> present = new TreeSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                present.add(file.getFileName().toString());
            }
        } catch (IOException e) {
            log.error("cannot list {}: {}", directory, e.getMessage());
            return;
        }
        for (String name : present) {
            changed(directory.resolve(name));
        }
        try {
            for (String applied : sync.appliedFiles()) {
                if (!present.contains(applied)) {
                    changed(directory.resolve(applied));
                }
            }
        } catch (IOException e) {
            log.error("cannot list the configurations applied from {}: {}", directory, e.getMessage());
        }
    }

    private void changed(Set<Path> files) {
        for (Path file : files) {
            if (file.equals(directory)) {
                applyAll();
            } else {
                changed(file);
            }
        }
    }

    private void changed(Path file) {
        ConfigFileName name = ConfigFileName.parse(file.getFileName().toString()).orElse(null);
        if (name == null) {
            return;
        }
        try {
            if (Files.isRegularFile(file)) {
                if (sync.apply(name, ConfigFileReader.read(file, name))) {
                    log.info("configuration {} applied from {}", name.pid(), file);
                }
            } else if (sync.remove(name.fileName())) {
                log.info("configuration {} deleted: {} is gone", name.pid(), file);
            }
        } catch (IOException | RuntimeException e) {
            log.error("configuration file {} cannot be applied, the configuration {} stays as it was: {}", file,
                    name.pid(), e.getMessage());
        }
    }
}
