package dev.plinth.storage.internal.postgres;

import dev.plinth.common.testing.ThrowawayPostgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.osgi.service.jdbc.DataSourceFactory;
import org.postgresql.osgi.PGDataSourceFactory;

/**
 * A throwaway server set up as an operator would for Plinth: a role {@code plinth_admin} (LOGIN CREATEROLE, not a
 * superuser) owning the database {@code plinth}, and the driver's DataSourceFactory as the OSGi service would give it.
 */
public final class PostgresFixture implements AutoCloseable {

    public static final String ADMIN = "plinth_admin";
    public static final String ADMIN_PASSWORD = "admin-secret";
    public static final String DATABASE = "plinth";

    public final ThrowawayPostgres pg;
    public final DataSourceFactory factory = new PGDataSourceFactory();
    public final PostgresServer server;
    public final PostgresAdmin admin;

    public PostgresFixture() throws SQLException {
        pg = ThrowawayPostgres.start();
        try (Connection c = superuser("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + ADMIN + " LOGIN CREATEROLE PASSWORD '" + ADMIN_PASSWORD + "'");
            s.execute("CREATE DATABASE " + DATABASE + " OWNER " + ADMIN);
        }
        server = PostgresServer.of("", pg.host(), pg.port(), DATABASE, ADMIN, ADMIN_PASSWORD);
        admin = new PostgresAdmin(PostgresDataSources.admin(factory, server), ADMIN_PASSWORD);
        admin.lockDatabase();
    }

    /** A connection as the server's superuser to {@code database} (for what an operator or attacker sees). */
    public Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.superuser(), pg.superuserPassword());
    }

    /** A connection as plugin {@code role} to Plinth's database. */
    public Connection as(PluginRole role) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(), role.name(), role.password());
    }

    @Override
    public void close() {
        pg.close();
    }
}
