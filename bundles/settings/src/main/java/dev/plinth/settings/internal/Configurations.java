package dev.plinth.settings.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.plinth.common.LdapFilters;

/**
 * The configurations of Configuration Admin as the settings see them: a configuration's own properties (what a file
 * of {@code etc/} or anyone else wrote, before any plugin touches them), and redelivery after a change of the store.
 */
final class Configurations {

    /** Written by the configuration files' installer: the file a configuration comes from. */
    static final String FILE_PROPERTY = "plinth.config.file";
    /** Bumped to make Configuration Admin deliver a configuration again after its stored values changed. */
    static final String REVISION_PROPERTY = "plinth.settings.revision";
    private static final Set<String> OWN_KEYS = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION, FILE_PROPERTY, REVISION_PROPERTY);

    private final ConfigurationAdmin admin;

    Configurations(ConfigurationAdmin admin) {
        this.admin = admin;
    }

    /** Whether {@code key} is one Configuration Admin or Plinth sets itself, not a setting. */
    static boolean ownKey(String key) {
        return OWN_KEYS.contains(key) || key.startsWith("felix.") || key.startsWith(":");
    }

    /**
     * A configuration's own properties, without Plinth's and Configuration Admin's keys; empty when none. Only a file
     * of {@code etc/} sets a plugin's settings beside Plinth's store: the values anyone else wrote into Configuration
     * Admin (a plugin, the {@code cm:} commands) are not settings, are not shown, and are not delivered.
     */
    Optional<Stored> stored(String pid) throws IOException {
        Configuration configuration = find("(" + Constants.SERVICE_PID + "=" + LdapFilters.escape(pid) + ")");
        if (configuration == null || configuration.getProperties() == null) {
            return Optional.empty();
        }
        Dictionary<String, Object> properties = configuration.getProperties();
        Object file = properties.get(FILE_PROPERTY);
        if (file == null) {
            return Optional.of(new Stored(null, Map.of()));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!ownKey(key)) {
                values.put(key, properties.get(key));
            }
        }
        return Optional.of(new Stored(String.valueOf(file), values));
    }

    /** The PIDs of the configurations of a factory PID. */
    List<String> factoryConfigurations(String factoryPid) throws IOException {
        List<String> pids = new ArrayList<>();
        for (Configuration configuration : list("(" + ConfigurationAdmin.SERVICE_FACTORYPID + "="
                + LdapFilters.escape(factoryPid) + ")")) {
            pids.add(configuration.getPid());
        }
        return pids;
    }

    /**
     * Makes Configuration Admin deliver configuration {@code pid} again ({@code factoryPid~name} for a factory
     * configuration), creating it when it does not exist.
     */
    void redeliver(String pid, String factoryPid) throws IOException {
        Configuration configuration = factoryPid != null
                ? admin.getFactoryConfiguration(factoryPid, pid.substring(factoryPid.length() + 1), "?")
                : admin.getConfiguration(pid, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        Hashtable<String, Object> next = new Hashtable<>();
        if (properties != null) {
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                next.put(key, properties.get(key));
            }
        }
        Object revision = next.get(REVISION_PROPERTY);
        long current = revision instanceof Number number ? number.longValue() : 0;
        next.put(REVISION_PROPERTY, current + 1);
        configuration.update(next);
    }

    /** Deletes configuration {@code pid} unless a file of {@code etc/} owns it. */
    void deleteUnlessFile(String pid) throws IOException {
        Configuration configuration = find("(" + Constants.SERVICE_PID + "=" + LdapFilters.escape(pid) + ")");
        if (configuration != null && (configuration.getProperties() == null
                || configuration.getProperties().get(FILE_PROPERTY) == null)) {
            configuration.delete();
        }
    }

    private Configuration find(String filter) throws IOException {
        List<Configuration> found = list(filter);
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Configuration> list(String filter) throws IOException {
        try {
            Configuration[] found = admin.listConfigurations(filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IOException("cannot look up configurations: " + e.getMessage(), e);
        }
    }


    /**
     * A configuration's own properties.
     *
     * @param file the file of {@code etc/} it comes from, or null
     * @param values its settings' values by key
     */
    record Stored(String file, Map<String, Object> values) {

        /** Whether {@code key} is set by a file of {@code etc/} (and so locked). */
        boolean locks(String key) {
            return file != null && values.containsKey(key);
        }
    }
}
