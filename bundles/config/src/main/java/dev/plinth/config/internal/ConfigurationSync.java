package dev.plinth.config.internal;

import java.io.IOException;
import java.lang.reflect.Array;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

import dev.plinth.common.LdapFilters;

/**
 * Keeps Configuration Admin in step with configuration files. Every configuration it writes
 * carries the property {@value #FILE_PROPERTY} naming its file, so a configuration whose file
 * disappeared can be found and deleted; configurations created any other way are never touched.
 */
final class ConfigurationSync {

    static final String FILE_PROPERTY = "plinth.config.file";
    /** The property by which plugin settings (bundle dev.plinth.settings) make a configuration be delivered again. */
    static final String SETTINGS_REVISION = "plinth.settings.revision";
    private static final String ANY_LOCATION = "?";
    private static final Set<String> MANAGED_KEYS = Set.of(Constants.SERVICE_PID, ConfigurationAdmin.SERVICE_FACTORYPID,
            ConfigurationAdmin.SERVICE_BUNDLELOCATION);

    private final ConfigurationAdmin configurationAdmin;

    ConfigurationSync(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    /**
     * Writes {@code properties} as the configuration of {@code file}; false when it already held exactly them.
     * The keys Configuration Admin sets itself ({@code service.pid}, {@code service.factoryPid},
     * {@code service.bundleLocation}) are not taken from files.
     */
    boolean apply(ConfigFileName file, Hashtable<String, Object> properties) throws IOException {
        Hashtable<String, Object> wanted = wanted(file, properties);
        Configuration configuration = file.isFactory()
                ? configurationAdmin.getFactoryConfiguration(file.factoryPid(), file.name(), ANY_LOCATION)
                : configurationAdmin.getConfiguration(file.pid(), ANY_LOCATION);
        Dictionary<String, Object> current = configuration.getProperties();
        keepSettingsRevision(current, wanted);
        if (current != null && sameProperties(current, wanted)) {
            return false;
        }
        configuration.update(wanted);
        return true;
    }

    /** Whether {@code current} (properties of a configuration, or null) holds exactly those of {@code file}. */
    static boolean holds(ConfigFileName file, Hashtable<String, Object> properties,
            Dictionary<String, Object> current) {
        Hashtable<String, Object> wanted = wanted(file, properties);
        keepSettingsRevision(current, wanted);
        return current != null && sameProperties(current, wanted);
    }

    /**
     * A file's values written into a configuration that plugin settings deliver to as well keep its
     * {@value #SETTINGS_REVISION}: without it, the file's removal would delete the configuration instead of keeping it
     * for the settings (see {@link #remove(String)}).
     */
    private static void keepSettingsRevision(Dictionary<String, Object> current, Hashtable<String, Object> wanted) {
        if (current != null && current.get(SETTINGS_REVISION) instanceof Number revision) {
            wanted.put(SETTINGS_REVISION, revision.longValue());
        }
    }

    /** The properties of the configuration {@code pid}, or null when there is none. */
    Dictionary<String, Object> current(String pid) throws IOException {
        Configuration[] found;
        try {
            found = configurationAdmin.listConfigurations("(" + Constants.SERVICE_PID + "=" + LdapFilters.escape(pid) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
        return found == null || found.length == 0 ? null : found[0].getProperties();
    }

    /** The properties of every configuration written from a file, by PID: one look instead of one per file. */
    Map<String, Dictionary<String, Object>> currentFromFiles() throws IOException {
        Map<String, Dictionary<String, Object>> current = new HashMap<>();
        for (Configuration configuration : fromFiles()) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (properties != null) {
                current.put(configuration.getPid(), properties);
            }
        }
        return current;
    }


    private static Hashtable<String, Object> wanted(ConfigFileName file, Hashtable<String, Object> properties) {
        Hashtable<String, Object> wanted = new Hashtable<>(properties);
        wanted.keySet().removeAll(MANAGED_KEYS);
        wanted.put(FILE_PROPERTY, file.fileName());
        return wanted;
    }

    /**
     * Deletes the configuration written from {@code fileName}, if there is one; true when one was deleted. A
     * configuration that plugin settings deliver to as well (it carries {@value #SETTINGS_REVISION}) is kept without
     * the file's values instead, so that the plugin goes on being given the operators' values through the same
     * configuration (Declarative Services would not take a configuration deleted and made again at once).
     */
    boolean remove(String fileName) throws IOException {
        boolean removed = false;
        for (Configuration configuration : fromFiles()) {
            Dictionary<String, Object> properties = configuration.getProperties();
            if (!fileName.equals(properties.get(FILE_PROPERTY))) {
                continue;
            }
            Object revision = properties.get(SETTINGS_REVISION);
            if (revision instanceof Number number) {
                Hashtable<String, Object> kept = new Hashtable<>();
                kept.put(SETTINGS_REVISION, number.longValue() + 1);
                configuration.update(kept);
            } else {
                configuration.delete();
            }
            removed = true;
        }
        return removed;
    }

    /** The names of all files that configurations currently come from. */
    Set<String> appliedFiles() throws IOException {
        Set<String> names = new HashSet<>();
        for (Configuration configuration : fromFiles()) {
            names.add(String.valueOf(configuration.getProperties().get(FILE_PROPERTY)));
        }
        return names;
    }

    private Collection<Configuration> fromFiles() throws IOException {
        try {
            Configuration[] found = configurationAdmin.listConfigurations("(" + FILE_PROPERTY + "=*)");
            return found == null ? Set.of() : Set.of(found);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether both hold the same keys and values, leaving out the keys Configuration Admin sets itself. */
    static boolean sameProperties(Dictionary<String, Object> current, Dictionary<String, Object> wanted) {
        return comparable(current).size() == comparable(wanted).size() && comparable(current).entrySet().stream()
                .allMatch(entry -> sameValue(entry.getValue(), wanted.get(entry.getKey())));
    }

    private static Map<String, Object> comparable(Dictionary<String, Object> properties) {
        Map<String, Object> map = new HashMap<>();
        for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            if (!MANAGED_KEYS.contains(key)) {
                map.put(key, properties.get(key));
            }
        }
        return map;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a != null && b != null && a.getClass().isArray() && b.getClass().isArray()) {
            int length = Array.getLength(a);
            if (length != Array.getLength(b)) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if (!Objects.equals(Array.get(a, i), Array.get(b, i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
