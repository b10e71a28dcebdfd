package dev.plinth.rest.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

import dev.plinth.api.plugin.PlinthProperties;

/**
 * Gives the HTTP server a configuration when nothing else does, so that it starts beside the other bundles. With
 * {@code org.apache.felix.http.require.config=true} (the launcher's default) Felix HTTP starts Jetty only once
 * Configuration Admin hands it a configuration of {@value #PID}, on Configuration Admin's own thread instead of the
 * start-level thread. Its values stay those of the framework properties (the port, the host) unless a file of
 * {@code etc/} sets others: this configuration holds only {@value #MARKER}. It is made at start when there is
 * none and {@code etc/} has no file for {@value #PID} (that file's configuration comes a little later, from the
 * configuration files' bundle), once the framework has started when there is still none (a file of {@code etc/}
 * that could not be applied: Jetty then starts on its defaults, as it did without the property, and the file's
 * error is logged by the configuration files' bundle), and again when the configuration is deleted (its file
 * removed).
 */
@Component(immediate = true, service = ConfigurationListener.class)
public final class HttpConfigurationDefault implements ConfigurationListener {

    /** The persistent identity of Felix HTTP's configuration. */
    static final String PID = "org.apache.felix.http";
    /** The one property of the default configuration: says where it comes from. */
    static final String MARKER = "plinth.http.default";
    static final String REQUIRE_CONFIG = "org.apache.felix.http.require.config";
    private static final List<String> FILE_SUFFIXES = List.of(".cfg", ".config", ".cfg.json");

    private final BundleContext context;
    private final ConfigurationAdmin configurationAdmin;
    private final FrameworkListener started = this::frameworkEvent;
    private final Logger log;
    private final Path etc;
    private final boolean wanted;

    @Activate
    public HttpConfigurationDefault(BundleContext context, @Reference ConfigurationAdmin configurationAdmin,
            @Reference(service = LoggerFactory.class) Logger log) {
        this.context = context;
        this.configurationAdmin = configurationAdmin;
        this.log = log;
        String directory = context.getProperty(PlinthProperties.ETC);
        this.etc = directory == null || directory.isBlank() ? null : Path.of(directory.strip());
        this.wanted = Boolean.parseBoolean(String.valueOf(context.getProperty(REQUIRE_CONFIG)).strip());
        context.addFrameworkListener(started);
        ensure(context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).getState() == Bundle.ACTIVE);
    }

    @Deactivate
    void deactivate() {
        context.removeFrameworkListener(started);
    }

    private void frameworkEvent(FrameworkEvent event) {
        if (event.getType() == FrameworkEvent.STARTED) {
            ensure(true);
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_DELETED && PID.equals(event.getPid())
                && event.getFactoryPid() == null) {
            ensure(false);
        }
    }

    /**
     * Makes the default configuration when the HTTP server waits for one and none exists or is coming: before the
     * framework has started, a file of {@code etc/} is coming; once it has, what was coming has come.
     */
    synchronized void ensure(boolean started) {
        if (!wanted || (!started && fileInEtc())) {
            return;
        }
        try {
            Configuration[] found = configurationAdmin.listConfigurations(
                    "(" + Constants.SERVICE_PID + "=" + PID + ")");
            if (found != null && found.length > 0) {
                return;
            }
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(MARKER, Boolean.TRUE);
            configurationAdmin.getConfiguration(PID, "?").update(properties);
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            log.error("cannot give the HTTP server its default configuration ({}): the REST API may not start; set "
                    + "{}=false to start it without one", e.getMessage(), REQUIRE_CONFIG);
        }
    }

    private boolean fileInEtc() {
        return etc != null && FILE_SUFFIXES.stream().anyMatch(suffix -> Files.exists(etc.resolve(PID + suffix)));
    }
}
