package dev.plinth.common.testing;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Configuration Admin in memory, for tests of the bundles that read and write configurations (the configuration
 * files' sync, plugin settings): configurations by PID (named factory configurations as {@code factoryPid~name}),
 * got, updated, deleted and listed with a filter. Any other call is unsupported.
 */
public final class FakeConfigurationAdmin {

    /** The configurations by PID, with the properties Configuration Admin adds. */
    public final Map<String, Hashtable<String, Object>> configurations = new ConcurrentHashMap<>();
    /** The bundle location of each configuration that is bound to one, by PID. */
    public final Map<String, String> locations = new ConcurrentHashMap<>();
    /**
     * The location of the bundle that uses this service, to which {@code getConfiguration(pid)} binds a configuration
     * it creates (as Configuration Admin binds it to the caller); {@code null} leaves it unbound.
     */
    public volatile String callerLocation;
    /** How many updates were made. */
    public final AtomicInteger updates = new AtomicInteger();
    /** The service. */
    public final ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {ConfigurationAdmin.class}, (proxy, method, args) -> switch (method.getName()) {
                case "getConfiguration" -> {
                    String pid = (String) args[0];
                    String location = args.length > 1 ? (String) args[1] : callerLocation;
                    if (!configurations.containsKey(pid) && location != null) {
                        locations.putIfAbsent(pid, location);
                    }
                    yield configuration(pid, null);
                }
                case "getFactoryConfiguration" -> {
                    String pid = args[0] + "~" + args[1];
                    String location = args.length > 2 ? (String) args[2] : callerLocation;
                    if (!configurations.containsKey(pid) && location != null) {
                        locations.putIfAbsent(pid, location);
                    }
                    yield configuration(pid, (String) args[0]);
                }
                case "listConfigurations" -> list((String) args[0]);
                default -> throw new UnsupportedOperationException(method.getName());
            });

    /** The properties of {@code pid} without those Configuration Admin adds, or null when there is none. */
    public Hashtable<String, Object> get(String pid) {
        Hashtable<String, Object> properties = configurations.get(pid);
        if (properties == null) {
            return null;
        }
        Hashtable<String, Object> copy = new Hashtable<>(properties);
        copy.remove(Constants.SERVICE_PID);
        copy.remove(ConfigurationAdmin.SERVICE_FACTORYPID);
        return copy;
    }

    /** Changes a configuration as a user of Configuration Admin would. */
    public void edit(String pid, String key, Object value) {
        configurations.get(pid).put(key, value);
    }

    private Configuration[] list(String filter) throws Exception {
        List<Configuration> found = new ArrayList<>();
        for (Map.Entry<String, Hashtable<String, Object>> entry : configurations.entrySet()) {
            if (filter == null || FrameworkUtil.createFilter(filter).match(entry.getValue())) {
                found.add(configuration(entry.getKey(), null));
            }
        }
        return found.isEmpty() ? null : found.toArray(Configuration[]::new);
    }

    private Configuration configuration(String pid, String factoryPid) {
        return (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPid" -> pid;
                    case "getFactoryPid" -> {
                        Hashtable<String, Object> properties = configurations.get(pid);
                        yield factoryPid != null || properties == null ? factoryPid
                                : (String) properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
                    }
                    case "getProperties" -> {
                        Hashtable<String, Object> properties = configurations.get(pid);
                        yield properties == null ? null : new Hashtable<>(properties);
                    }
                    case "update" -> {
                        Hashtable<String, Object> properties = new Hashtable<>();
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> given = (Dictionary<String, Object>) args[0];
                        for (Enumeration<String> keys = given.keys(); keys.hasMoreElements();) {
                            String key = keys.nextElement();
                            properties.put(key, given.get(key));
                        }
                        properties.put(Constants.SERVICE_PID, pid);
                        if (factoryPid != null) {
                            properties.put(ConfigurationAdmin.SERVICE_FACTORYPID, factoryPid);
                        }
                        configurations.put(pid, properties);
                        updates.incrementAndGet();
                        yield null;
                    }
                    case "getBundleLocation" -> locations.get(pid);
                    case "setBundleLocation" -> {
                        if (args[0] == null) {
                            locations.remove(pid);
                        } else {
                            locations.put(pid, (String) args[0]);
                        }
                        yield null;
                    }
                    case "delete" -> {
                        locations.remove(pid);
                        configurations.remove(pid);
                        yield null;
                    }
                    case "hashCode" -> pid.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
