package dev.plinth.itests.blackbox;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Packed into a plugin with storage by {@link PostgresStorageIT}: at each start it writes a row {@code started} into
 * its table {@code note}, through the DataSource the storage bundle hands it. Without a DataSource it does not start.
 */
public final class StorageWriterActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws Exception {
        ServiceReference<DataSource> reference = context.getServiceReferences(DataSource.class,
                "(plinth.storage=plugin)").iterator().next();
        DataSource dataSource = context.getService(reference);
        if (dataSource == null) {
            throw new IllegalStateException("no DataSource for " + context.getBundle().getSymbolicName());
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO note(text) VALUES ('started')");
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing held
    }
}
