package dev.plinth.itests.reliability;

import javax.sql.DataSource;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/** The activator of StorageCrashIT's plugin: starts only when it gets its database, as a plugin with storage does. */
public class StorageUserActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws Exception {
        ServiceReference<DataSource> reference = context.getServiceReferences(DataSource.class,
                "(plinth.storage=plugin)").iterator().next();
        if (context.getService(reference) == null) {
            throw new IllegalStateException("no DataSource");
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
