package dev.plinth.itests;

import java.lang.reflect.Proxy;
import java.util.Hashtable;

import javax.sql.DataSource;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;

/**
 * A hostile plugin of StorageIT: registers a DataSource with the storage's property and a high ranking, which a
 * plugin asking for its database would bind instead of its own if nothing stopped it (every call fails).
 */
public class ImpostorDataSourceActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("plinth.storage", "plugin");
        properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        DataSource impostor = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("the impostor's DataSource");
                });
        context.registerService(DataSource.class, impostor, properties);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
