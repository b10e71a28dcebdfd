package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration Admin as one plugin sees it: the runtime's Configuration Admin, obtained for the plugin's bundle (so
 * its location binding still sees the plugin as the caller), limited to the configurations the plugin owns. A call on
 * a core PID or on another plugin's PID throws a {@link SecurityException} naming the PID and its owner; a listing
 * holds only the plugin's own configurations.
 */
final class GuardedConfigurationAdmin implements ConfigurationAdmin {

    private final ConfigurationAdmin delegate;
    private final String pluginId;
    private final PidGuard guard;
    private final String callerLocation;

    /** Around the runtime's service as the plugin's own bundle got it (it binds to the caller itself). */
    GuardedConfigurationAdmin(ConfigurationAdmin delegate, String pluginId, PidGuard guard) {
        this(delegate, pluginId, null, guard);
    }

    /**
     * @param callerLocation the location of the plugin's bundle that uses this service, passed where Configuration
     *        Admin would take its caller's ({@code delegate} is not the plugin's own); {@code null} when
     *        {@code delegate} was got through the plugin's own context
     */
    GuardedConfigurationAdmin(ConfigurationAdmin delegate, String pluginId, String callerLocation, PidGuard guard) {
        this.delegate = delegate;
        this.pluginId = pluginId;
        this.callerLocation = callerLocation;
        this.guard = guard;
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid) throws IOException {
        checkPid(factoryPid);
        guard.check(pluginId, "create", factoryPid);
        return guarded(callerLocation == null ? delegate.createFactoryConfiguration(factoryPid)
                : delegate.createFactoryConfiguration(factoryPid, callerLocation));
    }

    @Override
    public Configuration createFactoryConfiguration(String factoryPid, String location) throws IOException {
        checkPid(factoryPid);
        guard.check(pluginId, "create", factoryPid);
        checkLocation(pluginId, location);
        return guarded(delegate.createFactoryConfiguration(factoryPid, location));
    }

    @Override
    public Configuration getConfiguration(String pid, String location) throws IOException {
        checkPid(pid);
        guard.check(pluginId, "get", pid);
        checkLocation(pluginId, location);
        return owned(delegate.getConfiguration(pid, location));
    }

    @Override
    public Configuration getConfiguration(String pid) throws IOException {
        checkPid(pid);
        guard.check(pluginId, "get", pid);
        return callerLocation == null ? owned(delegate.getConfiguration(pid))
                : boundToCaller(delegate.getConfiguration(pid, callerLocation));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name, String location)
            throws IOException {
        checkPid(factoryPid);
        guard.check(pluginId, "get", factoryPid);
        checkLocation(pluginId, location);
        return owned(delegate.getFactoryConfiguration(factoryPid, name, location));
    }

    @Override
    public Configuration getFactoryConfiguration(String factoryPid, String name) throws IOException {
        checkPid(factoryPid);
        guard.check(pluginId, "get", factoryPid);
        return callerLocation == null ? owned(delegate.getFactoryConfiguration(factoryPid, name))
                : boundToCaller(delegate.getFactoryConfiguration(factoryPid, name, callerLocation));
    }

    @Override
    public Configuration[] listConfigurations(String filter) throws IOException, InvalidSyntaxException {
        Configuration[] all = delegate.listConfigurations(filter);
        if (all == null) {
            return null;
        }
        List<Configuration> own = new ArrayList<>();
        for (Configuration configuration : all) {
            if (guard.owns(pluginId, configuration)) {
                own.add(guarded(configuration));
            }
        }
        return own.isEmpty() ? null : own.toArray(Configuration[]::new);
    }

    /**
     * A plugin binds its configurations to itself or to a region ({@code ?...}), not to another bundle's location,
     * which would hand that bundle a configuration it never asked for.
     */
    static void checkLocation(String pluginId, String location) {
        if (location != null && !location.startsWith("?")
                && !location.equals(PluginBundles.LOCATION_PREFIX + pluginId)) {
            throw new SecurityException(pluginId + " cannot bind a configuration to the location " + location
                    + ": a plugin binds its configurations to itself (no location) or to a region (?name)");
        }
    }

    /** An existing configuration found by its PID may be a factory configuration of a factory PID the plugin does not own. */
    private Configuration owned(Configuration configuration) {
        guard.check(pluginId, "get", configuration);
        return guarded(configuration);
    }

    /**
     * Checks an existing configuration found by its PID, then binds it to the caller when it is unbound, as
     * Configuration Admin does for a caller that gives no location.
     */
    private Configuration boundToCaller(Configuration configuration) {
        guard.check(pluginId, "get", configuration);
        if (configuration.getBundleLocation() == null) {
            configuration.setBundleLocation(callerLocation);
        }
        return guarded(configuration);
    }

    private Configuration guarded(Configuration configuration) {
        return new GuardedConfiguration(configuration, pluginId, guard);
    }

    /**
     * Refuses a PID that is not a symbolic name (before a {@code ~name}), which Configuration Admin would otherwise
     * take as a PID of its own (a leading space, say).
     */
    private void checkPid(String pid) {
        if (pid == null) {
            return;
        }
        int named = pid.indexOf('~');
        String problem = Ownership.invalidPid(named > 0 ? pid.substring(0, named) : pid);
        if (problem != null) {
            throw new IllegalArgumentException(pluginId + " cannot use the configuration PID '" + pid + "': "
                    + problem);
        }
    }
}
