package dev.plinth.storage.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.hooks.service.EventListenerHook;
import org.osgi.framework.hooks.service.FindHook;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.util.tracker.ServiceTracker;

import dev.plinth.api.PluginManager;
import dev.plinth.api.extension.OperationParticipant;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.api.storage.PluginStorage;
import dev.plinth.api.storage.StorageInfo;
import dev.plinth.storage.internal.postgres.PostgresDataSources;

/**
 * Plinth's storage: registers {@link PluginStorage}, the plugin manager's {@link OperationParticipant} for storage,
 * the one {@code javax.sql.DataSource} service ({@code plinth.storage=plugin}) that hands each plugin its own
 * database, and the service hooks that hide any other bundle's service with that property ({@link DataSourceGuard}). H2 files under {@code storage/} of the framework property {@value PlinthProperties#DATA} (the bundle's
 * data area without it). Activation opens no database and loads neither Flyway nor H2's engine; when a plugin that
 * asks for storage is installed, Flyway is warmed up on a background thread so the first upgrade is quick.
 */
@Component(service = PluginStorage.class, immediate = true, configurationPid = StorageConfiguration.PID)
@Designate(ocd = StorageConfiguration.class)
public final class StorageComponent implements PluginStorage {

    private final StorageService storage;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final ExecutorService warmUp;
    private final ServiceTracker<PluginManager, PluginManager> managers;

    @Activate
    public StorageComponent(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger,
            @Reference(target = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.h2.Driver)")
            DataSourceFactory h2, StorageConfiguration config,
            @Reference(target = PostgresDataSources.DRIVER_FILTER, cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) DataSourceFactory postgres) {
        StorageLog log = new StorageLog() {
            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void warn(String message) {
                logger.warn(message);
            }
        };
        Path root = root(context);
        Function<String, Optional<Bundle>> installed = id -> installed(context, id);
        Backend backend;
        try {
            backend = BackendSelection.select(config, root, h2, postgres, log::warn);
        } catch (IllegalArgumentException e) {
            logger.error("storage is off: {}", e.getMessage());
            throw e;
        }
        FlywayRunner flyway = new FlywayRunner(backend.rollsBackFailedMigrations(),
                java.time.Duration.ofSeconds(Math.max(1, config.migration_timeout_seconds())));
        this.storage = new StorageService(backend, new StorageFiles(root), flyway, installed, log);
        registrations.add(context.registerService(new String[] {FindHook.class.getName(),
                EventListenerHook.class.getName()}, new DataSourceGuard(context.getBundle().getBundleId(), log), null));
        registrations.add(context.registerService(OperationParticipant.class,
                new StorageParticipant(storage, installed), null));
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(PluginStorage.PROPERTY, "plugin");
        registrations.add(context.registerService(DataSource.class.getName(), new PluginDataSources(storage,
                new CallerCheck(context.getBundle().getBundleId(), FrameworkUtil::getBundle), log),
                properties));
        this.warmUp = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "plinth-storage-warm-up");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            return thread;
        });
        this.managers = new ServiceTracker<>(context, PluginManager.class, null) {
            @Override
            public PluginManager addingService(ServiceReference<PluginManager> reference) {
                PluginManager manager = super.addingService(reference);
                if (manager != null) {
                    recoverOnceReady(context, manager, logger);
                }
                return manager;
            }
        };
        managers.open();
        if (Arrays.stream(context.getBundles()).anyMatch(StorageRequirement::asks)) {
            Path warmUpDirectory = context.getDataFile("warm-up") != null ? context.getDataFile("warm-up").toPath()
                    : root.resolveSibling("storage-warm-up");
            warmUp.execute(() -> warmUp(flyway, h2, warmUpDirectory, logger));
        }
    }

    /**
     * Settles every plugin's storage after a crash as soon as the manager has recovered (its reads wait for that),
     * whether or not the plugin asks for its DataSource; on a thread of its own so that no start waits for it.
     */
    private void recoverOnceReady(BundleContext context, PluginManager manager, Logger logger) {
        ServiceRegistration<Object> pending = context.registerService(Object.class, new Object(),
                FrameworkUtil.asDictionary(Map.of(PlinthProperties.STARTUP_PENDING,
                        "storage is settling interrupted operations")));
        Thread thread = new Thread(() -> {
            try {
                manager.history(1);
                storage.recoverAll();
            } catch (RuntimeException e) {
                logger.warn("the storage could not be settled at start: {}", e.toString());
            } finally {
                try {
                    pending.unregister();
                } catch (IllegalStateException e) {
                    // gone with the bundle
                }
            }
        }, "plinth-storage-recovery");
        thread.setDaemon(true);
        thread.start();
    }

    private static void warmUp(FlywayRunner flyway, DataSourceFactory h2, Path directory, Logger logger) {
        long start = System.nanoTime();
        try {
            StorageWarmUp.run(flyway, h2, directory);
            logger.debug("Flyway warmed up in {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception | LinkageError e) {
            logger.warn("Flyway could not be warmed up: {}", e.toString());
        }
    }

    private static Path root(BundleContext context) {
        String data = context.getProperty(PlinthProperties.DATA);
        if (data != null && !data.isBlank()) {
            return Path.of(data, "storage").toAbsolutePath();
        }
        return context.getDataFile("storage").toPath().toAbsolutePath();
    }

    private static Optional<Bundle> installed(BundleContext context, String id) {
        for (Bundle bundle : context.getBundles()) {
            if (id.equals(bundle.getSymbolicName()) && bundle.getState() != Bundle.UNINSTALLED) {
                return Optional.of(bundle);
            }
        }
        return Optional.empty();
    }

    @Deactivate
    void stop() {
        managers.close();
        warmUp.shutdownNow();
        for (ServiceRegistration<?> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException e) {
                // gone with the bundle
            }
        }
        storage.close();
    }

    @Override
    public Optional<StorageInfo> info(String pluginId) {
        return storage.info(pluginId);
    }

    @Override
    public List<StorageInfo> all() {
        return storage.all();
    }
}
