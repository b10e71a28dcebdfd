package dev.plinth.storage.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Optional;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;

/**
 * A plugin's DataSource as the plugin gets it: every call is refused ({@code SQLException} and a log line naming the
 * caller) unless it comes from the plugin's own code ({@link CallerCheck}), so that another bundle holding the
 * plugin's {@code BundleContext} or this object gets no connection to its database.
 */
final class GuardedDataSource implements DataSource {

    private final DataSource database;
    private final Bundle served;
    private final CallerCheck callers;
    private final StorageLog log;

    GuardedDataSource(DataSource database, Bundle served, CallerCheck callers, StorageLog log) {
        this.database = database;
        this.served = served;
        this.callers = callers;
        this.log = log;
    }

    private void check() throws SQLException {
        Optional<String> refused = callers.refused(served, false);
        if (refused.isPresent()) {
            String message = refused.get() + " used the DataSource of " + served.getSymbolicName()
                    + ": refused, a plugin's database is its own";
            log.warn(message);
            throw new SQLException(message);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        check();
        return database.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        check();
        return database.getConnection(username, password);
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        check();
        return database.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        check();
        database.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        check();
        database.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        check();
        return database.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return database.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        check();
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("a plugin's DataSource is not a wrapper of " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
