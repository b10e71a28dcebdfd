package dev.plinth.storage.internal.postgres;

import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcConnectionPool;
import org.osgi.service.jdbc.DataSourceFactory;

/**
 * DataSources of the PostgreSQL driver's {@link DataSourceFactory} (the service of the {@code org.postgresql} bundle
 * with {@code osgi.jdbc.driver.class=org.postgresql.Driver}), pooled: Plinth's own for the administration, and
 * a plugin's (H2's {@link JdbcConnectionPool} over the driver's {@code ConnectionPoolDataSource}, so no pool
 * library of its own).
 */
public final class PostgresDataSources {

    /** The filter of the driver's factory service. */
    public static final String DRIVER_FILTER = "(" + DataSourceFactory.OSGI_JDBC_DRIVER_CLASS + "=org.postgresql.Driver)";

    private static final int MAX_CONNECTIONS = 10;
    private static final int ADMIN_CONNECTIONS = 2;

    private PostgresDataSources() {
    }

    /**
     * A small pool of connections as Plinth's role (each new connection costs a password exchange, which an enable
     * should not pay); {@link JdbcConnectionPool#dispose()} closes it.
     */
    public static JdbcConnectionPool admin(DataSourceFactory factory, PostgresServer server) throws SQLException {
        JdbcConnectionPool pool = JdbcConnectionPool.create(
                factory.createConnectionPoolDataSource(properties(server, server.user(), server.password())));
        pool.setMaxConnections(ADMIN_CONNECTIONS);
        return pool;
    }

    /**
     * Connections as Plinth's role, unpooled, with TCP keep-alive: each holds an advisory lock for as long as it is
     * open ({@link AdvisoryLocks}), idle meanwhile while the work runs on other connections.
     */
    public static DataSource locks(DataSourceFactory factory, PostgresServer server) throws SQLException {
        Properties properties = properties(server, server.user(), server.password());
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "plinth-storage-lock");
        return factory.createDataSource(properties);
    }

    /**
     * A pool of connections as plugin {@code role}, named {@code application} on the server (one name per runtime, so
     * that a runtime tells its own sessions from other runtimes'); {@link JdbcConnectionPool#dispose()} closes it.
     */
    public static JdbcConnectionPool plugin(DataSourceFactory factory, PostgresServer server, PluginRole role,
            String application) throws SQLException {
        Properties properties = properties(server, role.name(), role.password());
        properties.setProperty("ApplicationName", application);
        JdbcConnectionPool pool = JdbcConnectionPool.create(factory.createConnectionPoolDataSource(properties));
        pool.setMaxConnections(MAX_CONNECTIONS);
        return pool;
    }

    private static Properties properties(PostgresServer server, String user, String password) {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, server.jdbcUrl());
        properties.setProperty(DataSourceFactory.JDBC_USER, user);
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, password);
        properties.setProperty("ApplicationName", "plinth-storage");
        return properties;
    }
}
