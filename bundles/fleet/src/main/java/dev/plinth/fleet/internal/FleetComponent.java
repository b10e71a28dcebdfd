package dev.plinth.fleet.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.Designate;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginManager;
import dev.plinth.api.catalog.Catalog;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.fleet.Fleet;
import dev.plinth.api.fleet.FleetStatus;
import dev.plinth.api.fleet.Generation;
import dev.plinth.api.fleet.NodeStatus;
import dev.plinth.api.fleet.Publication;
import dev.plinth.api.fleet.Rollout;
import dev.plinth.api.plugin.PlinthProperties;
import dev.plinth.api.settings.PluginSettings;

/**
 * Makes this runtime a node of a fleet while its configuration (PID {@value FleetConfiguration#PID}) is present:
 * registers {@link Fleet} and runs the {@link NodeAgent}. Without the configuration nothing of it runs; with an invalid
 * one, one ERROR line says why (no stack trace) and nothing runs either.
 */
@Component(service = {}, immediate = true, configurationPid = FleetConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FleetConfiguration.class)
public final class FleetComponent implements Fleet {

    private final FleetService service;
    private final NodeAgent agent;
    private final ServiceRegistration<Fleet> registration;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile PluginSettings pluginSettings;

    @Activate
    public FleetComponent(BundleContext context, @Reference(service = LoggerFactory.class) Logger logger,
            FleetConfiguration config, @Reference Catalog catalog, @Reference PluginManager manager,
            @Reference(target = FleetDatabase.DRIVER_FILTER, cardinality = ReferenceCardinality.OPTIONAL,
                    policyOption = ReferencePolicyOption.GREEDY) DataSourceFactory postgres) {
        FleetLog log = new FleetLog() {
            @Override
            public void info(String message) {
                logger.info(message);
            }

            @Override
            public void warn(String message) {
                logger.warn(message);
            }

            @Override
            public void error(String message) {
                logger.error(message);
            }
        };
        FleetSettings settings;
        FleetDatabase database;
        try {
            settings = FleetSettings.of(config, hostName());
            if (postgres == null) {
                throw new IllegalArgumentException("the fleet needs PostgreSQL's JDBC driver bundle "
                        + "(org.postgresql.jdbc, registering a DataSourceFactory), which is not running");
            }
            database = new FleetDatabase(postgres, settings);
        } catch (IllegalArgumentException | SQLException e) {
            logger.error("this runtime is not a node of a fleet: {} (etc/{}.cfg.json, docs/fleet.md)",
                    Printable.of(e.getMessage()), FleetConfiguration.PID);
            this.service = null;
            this.agent = null;
            this.registration = null;
            return;
        }
        LocalRuntime runtime = new CatalogRuntime(catalog, manager, () -> pluginSettings);
        this.agent = new NodeAgent(database, runtime, settings, new LocalRecord(file(context)), log,
                Optional.ofNullable(context.getProperty(PlinthProperties.VERSION)).orElse("unknown"));
        this.service = new FleetService(database, runtime, settings, agent::contested);
        logger.info("this runtime is node {} of group {} of the fleet at {}", settings.node(), settings.group(),
                settings.location());
        agent.start();
        this.registration = context.registerService(Fleet.class, this, null);
    }

    @Deactivate
    void stop() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException ignored) {
                // unregistered with the bundle already
            }
        }
        if (agent != null) {
            agent.stop();
        }
    }

    private static Path file(BundleContext context) {
        String data = context.getProperty(PlinthProperties.DATA);
        if (data != null && !data.isBlank()) {
            return Path.of(data, "fleet", "node.json").toAbsolutePath();
        }
        return context.getDataFile("fleet").toPath().resolve("node.json").toAbsolutePath();
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    @Override
    public NodeStatus.Identity self() {
        return service.self();
    }

    @Override
    public Publication publish(PluginSet plugins, Rollout rollout, long basedOn, String by, boolean simulate)
            throws PluginException {
        return service.publish(plugins, rollout, basedOn, by, simulate);
    }

    @Override
    public Publication rollback(long basedOn, String by, boolean simulate) throws PluginException {
        return service.rollback(basedOn, by, simulate);
    }

    @Override
    public FleetStatus status() throws PluginException {
        return service.status();
    }

    @Override
    public List<NodeStatus> nodes() throws PluginException {
        return service.nodes();
    }

    @Override
    public List<Generation> history(int limit) throws PluginException {
        return service.history(limit);
    }

    @Override
    public java.util.Optional<Generation> generation(long number) throws PluginException {
        return service.generation(number);
    }

    @Override
    public void forget(String node) throws PluginException {
        service.forget(node);
    }
}
