package dev.plinth.storage.internal.postgres;

import static dev.plinth.storage.internal.postgres.PostgresNames.identifier;
import static dev.plinth.storage.internal.postgres.PostgresNames.literal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

/**
 * What Plinth does on the server as its own role (LOGIN CREATEROLE, owner of the database, not a superuser): a role
 * and a schema of the same name per plugin, their size, their deletion. The plugin's role is NOSUPERUSER NOCREATEDB
 * NOCREATEROLE NOINHERIT, owns its schema and only it, has it as its search path and may connect to this database
 * only; nobody else may connect ({@code REVOKE ALL ON DATABASE .. FROM PUBLIC}). Every schema carries a comment naming
 * the plugin id it belongs to: a schema or role of the same name that is not Plinth's, or is another plugin's (two ids
 * that would share a name), is refused, never taken over. Changes run one at a time, in this runtime and across every
 * runtime sharing the database (each in a transaction that first takes an advisory lock, {@link AdvisoryLocks}):
 * concurrent grants on the database would fail with "tuple concurrently updated", and two runtimes creating the same
 * plugin's role at once would fail on the second. A plugin role's password is derived ({@link RolePasswords}): the
 * same on every runtime, stored nowhere.
 */
public final class PostgresAdmin {

    private static final String MARK = "plinth plugin storage of ";

    private final DataSource admin;
    private final RolePasswords passwords;

    /**
     * @param admin connections as Plinth's role to the plugins' database
     * @param adminPassword the password of Plinth's role, the key of the plugin roles' passwords (empty: random ones)
     */
    public PostgresAdmin(DataSource admin, String adminPassword) {
        this.admin = admin;
        this.passwords = new RolePasswords(adminPassword);
    }

    /**
     * Whether plugin roles' passwords are derived, the same on every runtime sharing the database; false when Plinth's
     * role has no password, so that each runtime sets random ones.
     */
    public boolean sharedPasswords() {
        return passwords.derived();
    }

    /**
     * Closes the database to every role not granted it, and checks that the schema {@code public} does not let every
     * role create objects (PostgreSQL 15's default; older servers need its owner to revoke it).
     *
     * @throws SQLException when it cannot, or when {@code public} is still open to everyone
     */
    public synchronized void lockDatabase() throws SQLException {
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            String database;
            try {
                AdvisoryLocks.lockAdmin(c);
                database = database(c);
                s.execute("REVOKE ALL ON DATABASE " + identifier(database) + " FROM PUBLIC");
                s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
            try (ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_namespace n, "
                    + "aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a "
                    + "WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE')")) {
                r.next();
                if (r.getBoolean(1)) {
                    throw new SQLException("every role may create objects in schema public of database " + database
                            + ", and role " + c.getMetaData().getUserName() + " cannot revoke it: as its owner, run "
                            + "REVOKE CREATE ON SCHEMA public FROM PUBLIC");
                }
            }
        }
    }

    /**
     * Creates plugin {@code id}'s role and schema, or finds them when they exist (its data kept from before, or created
     * by another runtime sharing the database), and sets the role's password (derived: the one it had, unless the
     * password of Plinth's role changed).
     *
     * @return the role with its password
     * @throws SQLException when the server refuses, or the name is taken by something that is not this plugin's
     */
    public synchronized PluginRole provision(String id) throws SQLException {
        String name = PostgresNames.of(id);
        try (Connection c = admin.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                AdvisoryLocks.lockAdmin(c);
                String password = passwords.of(database(c), name);
                Optional<String> owner = schemaOwnerId(c, name);
                boolean role = roleExists(c, name);
                if (owner.isPresent() && !owner.get().equals(id)) {
                    throw new SQLException("schema " + name + " is not plugin " + id + "'s: it belongs to "
                            + owner.get());
                }
                if (owner.isEmpty() && (role || schemaExists(c, name))) {
                    throw new SQLException("a " + (role ? "role" : "schema") + " named " + name
                            + " exists and is not Plinth's storage of plugin " + id + ": refusing to take it over");
                }
                String database = identifier(database(c));
                String quoted = identifier(name);
                if (owner.isEmpty()) {
                    s.execute("CREATE ROLE " + quoted + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT "
                            + "NOREPLICATION PASSWORD " + literal(password));
                    s.execute("GRANT " + quoted + " TO " + identifier(c.getMetaData().getUserName()));
                    s.execute("CREATE SCHEMA " + quoted + " AUTHORIZATION " + quoted);
                    s.execute("COMMENT ON SCHEMA " + quoted + " IS " + literal(MARK + id));
                } else {
                    refuseWidened(c, name);
                    s.execute("ALTER ROLE " + quoted + " PASSWORD " + literal(password));
                }
                // Again on every open: a database restored or recreated from a dump has lost both.
                s.execute("ALTER ROLE " + quoted + " IN DATABASE " + database + " SET search_path = " + quoted);
                s.execute("GRANT CONNECT ON DATABASE " + database + " TO " + quoted);
                c.commit();
                return new PluginRole(name, password);
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** True when plugin {@code id} has a schema here (its data, kept or in use). */
    public boolean exists(String id) throws SQLException {
        try (Connection c = admin.getConnection()) {
            return schemaOwnerId(c, PostgresNames.of(id)).filter(id::equals).isPresent();
        }
    }

    /** The bytes plugin {@code id}'s tables, indexes, TOAST and sequences take; 0 when it has no schema. */
    public long size(String id) throws SQLException {
        try (Connection c = admin.getConnection();
                PreparedStatement p = c.prepareStatement("SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) "
                        + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE n.nspname = ? AND c.relkind IN ('r', 'm', 'S')")) {
            p.setString(1, PostgresNames.of(id));
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * How many sessions of plugin {@code id}'s role the server has that are not named {@code ours}: connections of the
     * plugin on another runtime sharing the database (Plinth's role, a member of the plugin's, sees them all).
     */
    public int otherSessions(String id, String ours) throws SQLException {
        try (Connection c = admin.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE usename = ? AND application_name IS DISTINCT FROM ?")) {
            p.setString(1, PostgresNames.of(id));
            p.setString(2, ours);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    /**
     * Deletes plugin {@code id}'s schema with everything in it, and its role (its sessions ended first). Nothing to do
     * when it has none.
     *
     * @throws SQLException when the server refuses, or the schema is not this plugin's
     */
    public synchronized void purge(String id) throws SQLException {
        String name = PostgresNames.of(id);
        try (Connection c = admin.getConnection()) {
            Optional<String> owner = schemaOwnerId(c, name);
            if (owner.isEmpty() && !roleExists(c, name)) {
                return;
            }
            if (owner.isEmpty() || !owner.get().equals(id)) {
                throw new SQLException("schema " + name + " is not plugin " + id + "'s storage: not deleted");
            }
            endSessions(c, name);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                AdvisoryLocks.lockAdmin(c);
                String quoted = identifier(name);
                s.execute("DROP SCHEMA " + quoted + " CASCADE");
                s.execute("DROP OWNED BY " + quoted + " CASCADE");
                s.execute("DROP ROLE " + quoted);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Replaces plugin {@code id}'s schema by an empty one of the same owner and comment, for a snapshot to be restored
     * into it as the plugin's role; the plugin's sessions are ended first. Refused when the schema is not this
     * plugin's or its role is missing or has been given more rights.
     */
    synchronized void emptySchemaForRestore(String id) throws SQLException {
        String name = PostgresNames.of(id);
        try (Connection c = admin.getConnection()) {
            Optional<String> owner = schemaOwnerId(c, name);
            if (owner.isPresent() && !owner.get().equals(id) || owner.isEmpty() && schemaExists(c, name)) {
                throw new SQLException("schema " + name + " is not plugin " + id + "'s storage: not restored");
            }
            if (!roleExists(c, name)) {
                throw new SQLException("plugin " + id + " has no role " + name + " to restore its schema for");
            }
            refuseWidened(c, name);
            endSessions(c, name);
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                AdvisoryLocks.lockAdmin(c);
                String quoted = identifier(name);
                s.execute("DROP SCHEMA IF EXISTS " + quoted + " CASCADE");
                s.execute("CREATE SCHEMA " + quoted + " AUTHORIZATION " + quoted);
                s.execute("COMMENT ON SCHEMA " + quoted + " IS " + literal(MARK + id));
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static void endSessions(Connection c, String role) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = ?")) {
            p.setString(1, role);
            p.executeQuery().close();
        }
    }

    private static void refuseWidened(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT rolsuper OR rolcreaterole OR rolcreatedb "
                + "OR rolreplication OR rolbypassrls OR rolinherit OR NOT rolcanlogin "
                + "OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid) "
                + "FROM pg_roles r WHERE rolname = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("plugin role " + name + " is missing while its schema exists");
                }
                if (r.getBoolean(1)) {
                    throw new SQLException("role " + name + " has been given more than a plugin's rights "
                            + "(an attribute or a membership): refusing to hand it to the plugin");
                }
            }
        }
    }

    private static Optional<String> schemaOwnerId(Connection c, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = ?")) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                String comment = r.getString(1);
                return comment != null && comment.startsWith(MARK)
                        ? Optional.of(comment.substring(MARK.length()))
                        : Optional.empty();
            }
        }
    }

    private static boolean schemaExists(Connection c, String name) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = ?", name);
    }

    private static boolean roleExists(Connection c, String name) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name);
    }

    private static boolean exists(Connection c, String query, String name) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(query)) {
            p.setString(1, name);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        }
    }

    private static String database(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT current_database()")) {
            r.next();
            return r.getString(1);
        }
    }
}
