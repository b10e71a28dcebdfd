package dev.plinth.itests;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.function.Function;

import javax.sql.DataSource;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The activator of StorageIT's plugins: takes the plugin's DataSource from the registry (the storage bundle hands
 * each bundle its own) and offers SQL on it as a {@code Function<String, List<String>>} service
 * ({@code test.storage=<id>}): a query answers its first column, any other statement {@code []}. Without a
 * DataSource the plugin does not start.
 */
public class StoragePluginActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) throws Exception {
        ServiceReference<DataSource> reference = context.getServiceReferences(DataSource.class,
                "(plinth.storage=plugin)").iterator().next();
        DataSource dataSource = context.getService(reference);
        if (dataSource == null) {
            throw new IllegalStateException("no DataSource for " + context.getBundle().getSymbolicName());
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("test.storage", context.getBundle().getSymbolicName());
        Function<String, List<String>> sql = statement -> run(dataSource, statement);
        context.registerService(Function.class, sql, properties);
    }

    static List<String> run(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            List<String> values = new ArrayList<>();
            if (statement.execute(sql)) {
                try (ResultSet rows = statement.getResultSet()) {
                    while (rows.next()) {
                        values.add(rows.getString(1));
                    }
                }
            }
            return values;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
