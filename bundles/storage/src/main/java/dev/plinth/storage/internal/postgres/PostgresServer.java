package dev.plinth.storage.internal.postgres;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Plinth's PostgreSQL is and how Plinth logs in as its own role there: the server, the database, the role and its
 * password. The JDBC URL is built from host, port and database, or given whole ({@code url}), in which case host, port
 * and database are read from it (the client programs {@code pg_dump} and {@code pg_restore} need them).
 *
 * @param host the server's host name or address
 * @param port its port
 * @param database the database holding the plugins' schemas (owned by {@code user})
 * @param user Plinth's role: LOGIN CREATEROLE, owner of the database, not a superuser
 * @param password its password
 * @param jdbcUrl the JDBC URL of the database
 */
public record PostgresServer(String host, int port, String database, String user, String password, String jdbcUrl) {

    /** The default port. */
    public static final int DEFAULT_PORT = 5432;

    private static final Pattern URL = Pattern.compile(
            "jdbc:postgresql://(\\[[0-9a-fA-F:.]+\\]|[^:/?,\\[\\]]+)(?::(\\d{1,5}))?/([^?/]+)(\\?.*)?");

    public PostgresServer {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * The server of the storage configuration's values.
     *
     * @param url a JDBC URL ({@code jdbc:postgresql://host[:port]/database[?parameters]}), or empty to build it
     * @param host the host when {@code url} is empty
     * @param port the port when {@code url} is empty
     * @param database the database when {@code url} is empty
     * @param user Plinth's role
     * @param password its password
     * @throws IllegalArgumentException naming what is missing or malformed
     */
    public static PostgresServer of(String url, String host, int port, String database, String user,
            String password) {
        if (blank(user)) {
            throw new IllegalArgumentException("storage backend postgresql needs user (Plinth's role on the server)");
        }
        if (password == null) {
            throw new IllegalArgumentException("storage backend postgresql needs .password (of role " + user + ")");
        }
        if (!blank(url)) {
            Matcher m = URL.matcher(url.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("storage url " + url + " is not of the form "
                        + "jdbc:postgresql://host[:port]/database[?parameters] (one host)");
            }
            int urlPort = m.group(2) == null ? DEFAULT_PORT : port(m.group(2));
            return new PostgresServer(m.group(1), urlPort, m.group(3), user, password, url.strip());
        }
        if (blank(host) || blank(database)) {
            throw new IllegalArgumentException("storage backend postgresql needs url, or host and database");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("storage port " + port + " is not between 1 and 65535");
        }
        String shownHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return new PostgresServer(host, port, database, user, password,
                "jdbc:postgresql://" + shownHost + ":" + port + "/" + database);
    }

    /** Where it is, for messages and {@code plugin:info}: {@code host:port/database}, never the password. */
    public String location() {
        return host + ":" + port + "/" + database;
    }

    /** The host as the client programs take it (an IPv6 address without its brackets). */
    public String clientHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    @Override
    public String toString() {
        return "PostgresServer[" + user + "@" + location() + "]";
    }

    private static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("storage url's port " + port + " is not between 1 and 65535");
        }
        return port;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
