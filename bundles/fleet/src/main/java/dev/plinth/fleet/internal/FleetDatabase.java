package dev.plinth.fleet.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.osgi.service.jdbc.DataSourceFactory;

import dev.plinth.api.PluginException;

/**
 * Connections to the fleet's database, through the PostgreSQL driver's {@link DataSourceFactory}, and the one way
 * work is done in it: a transaction that commits or rolls back whole. A database that cannot be reached (or that
 * fails a statement) becomes {@link PluginException.Code#FLEET_UNAVAILABLE}, in words that name where it is and
 * never the password.
 */
final class FleetDatabase {

    /** The filter of the PostgreSQL driver's factory service. */
    static final String DRIVER_FILTER = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.postgresql.Driver)";

    /** Work on a connection inside one transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException, PluginException;
    }

    private final DataSource source;
    private final String location;
    private volatile boolean schemaReady;

    FleetDatabase(DataSourceFactory factory, FleetSettings settings) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, settings.url());
        properties.setProperty(DataSourceFactory.JDBC_USER, settings.user());
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, settings.password());
        properties.setProperty("ApplicationName", "plinth-fleet");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("socketTimeout", "60");
        this.source = factory.createDataSource(properties);
        this.location = settings.location();
    }

    /** Where the database is ({@code host:port/database}). */
    String location() {
        return location;
    }

    /** A new connection in auto-commit mode; the caller closes it. */
    Connection connect() throws SQLException {
        return source.getConnection();
    }

    /**
     * Runs {@code work} in one transaction of a connection of its own; the first time, creates the schema if no node
     * has yet.
     */
    <T> T transaction(Work<T> work) throws PluginException {
        try (Connection connection = connect()) {
            if (!schemaReady) {
                Schema.ensure(connection);
                schemaReady = true;
            }
            return inTransaction(connection, work);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** Runs {@code work} in one transaction of {@code connection}, left in auto-commit mode after it. */
    static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException, PluginException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | PluginException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // a broken connection: its next use says so
            }
        }
    }

    /** The refusal of a method of the Fleet service when the database fails. */
    PluginException unavailable(SQLException e) {
        return new PluginException(PluginException.Code.FLEET_UNAVAILABLE, "the fleet's database at " + location
                + " cannot be used: " + describe(e), java.util.List.of(), e);
    }

    /** A failure in one line: the driver's message and SQL state, without a password (the driver never shows one). */
    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        int line = message.indexOf('\n');
        if (line >= 0) {
            message = message.substring(0, line);
        }
        return message + (e.getSQLState() == null ? "" : " (SQL state " + e.getSQLState() + ")");
    }
}
