package dev.plinth.storage.internal.postgres;

/**
 * A plugin's role on the server: its name (also its schema's) and the password Plinth set for it. The password is
 * never stored: it is derived from the password of Plinth's role ({@link RolePasswords}), the same on every runtime
 * sharing the database, and set each time a runtime starts using the role.
 *
 * @param name the role's and the schema's name
 * @param password its password
 */
public record PluginRole(String name, String password) {

    @Override
    public String toString() {
        return "PluginRole[" + name + "]";
    }
}
