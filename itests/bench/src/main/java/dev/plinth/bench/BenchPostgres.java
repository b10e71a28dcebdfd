package dev.plinth.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.plinth.common.testing.ThrowawayPostgres;

/**
 * A throwaway PostgreSQL server for the storage benchmark ({@link ThrowawayPostgres}: Debian's {@code initdb} and
 * {@code pg_ctl}, a free port of 127.0.0.1, fsync off), with the role and database Plinth's storage is given as
 * docs/storage.md tells an operator: a non-superuser {@code LOGIN CREATEROLE} role owning the database
 * {@code plinth}, created with the server's {@code psql}; for the fleet benchmark, the fleet's role and database too.
 */
final class BenchPostgres implements AutoCloseable {

    static final String ROLE = "plinth_admin";
    static final String DATABASE = "plinth";
    static final String PASSWORD_VARIABLE = "PLINTH_PG_PASSWORD";
    private static final String PASSWORD = "bench-storage-password";

    private final ThrowawayPostgres server;

    private BenchPostgres(ThrowawayPostgres server) {
        this.server = server;
    }

    static BenchPostgres start() throws IOException, InterruptedException {
        ThrowawayPostgres server = ThrowawayPostgres.start();
        try {
            BenchPostgres pg = new BenchPostgres(server);
            pg.psql("CREATE ROLE " + ROLE + " LOGIN CREATEROLE PASSWORD '" + PASSWORD + "'");
            pg.psql("CREATE DATABASE " + DATABASE + " OWNER " + ROLE);
            return pg;
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /** {@code etc/dev.plinth.storage.cfg.json} pointing Plinth at this server, the password from the environment. */
    String configuration() {
        return "{\n  \"backend\": \"postgresql\",\n  \"host\": \"" + server.host() + "\",\n  \"port:Integer\": "
                + server.port() + ",\n  \"database\": \"" + DATABASE + "\",\n  \"user\": \"" + ROLE + "\",\n"
                + "  \".password\": \"$[env:" + PASSWORD_VARIABLE + "]\",\n  \"postgresql.bin\": \""
                + server.binaries() + "\"\n}\n";
    }

    /** The environment the runtime needs for {@link #configuration()}. */
    Map<String, String> environment() {
        return Map.of(PASSWORD_VARIABLE, PASSWORD);
    }

    /**
     * Creates the fleet's role ({@code LOGIN}, not a superuser) owning the fleet's database, as docs/fleet.md tells an
     * operator, and returns its password.
     */
    String createFleetDatabase(String role, String database) throws IOException, InterruptedException {
        String password = "bench-fleet-password";
        psql("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
        psql("CREATE DATABASE " + database + " OWNER " + role);
        return password;
    }

    /** The JDBC URL of {@code database} on this server. */
    String jdbcUrl(String database) {
        return server.jdbcUrl(database);
    }

    String superuser() {
        return server.superuser();
    }

    String superuserPassword() {
        return server.superuserPassword();
    }

    /** The server's major version, as {@code initdb}'s folder names it. */
    String version() {
        Path bin = server.binaries();
        return bin.getParent() == null ? bin.toString() : "PostgreSQL " + bin.getParent().getFileName();
    }

    private void psql(String statement) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(server.binaries().resolve("psql").toString(), "-X", "-q",
                "-v", "ON_ERROR_STOP=1", "-h", server.host(), "-p", Integer.toString(server.port()), "-U",
                server.superuser(), "-d", "postgres", "-c", statement));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGPASSWORD", server.superuserPassword());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IOException("psql failed on '" + statement + "': " + output);
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
