package dev.plinth.bench.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Packed into the storage benchmark's plugins (the harness never loads it): when the bundle's header
 * {@value #QUERY_HEADER} names a query, each start obtains the bundle's own DataSource from the storage
 * service (a ServiceFactory) and runs that query on one connection; without the header it does nothing, so
 * that the plugin without storage is the same bundle less the storage work.
 */
public final class QueryActivator implements BundleActivator {

    /** The manifest header holding the query run at each start. */
    public static final String QUERY_HEADER = "Bench-Query";

    @Override
    public void start(BundleContext context) throws Exception {
        String query = context.getBundle().getHeaders().get(QUERY_HEADER);
        if (query == null) {
            return;
        }
        ServiceReference<DataSource> reference = context.getServiceReferences(DataSource.class,
                "(plinth.storage=plugin)").iterator().next();
        DataSource dataSource = context.getService(reference);
        if (dataSource == null) {
            throw new IllegalStateException("no DataSource for " + context.getBundle().getSymbolicName());
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                result.getObject(1);
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        // nothing held: the storage bundle takes the DataSource back when the bundle stops
    }
}
