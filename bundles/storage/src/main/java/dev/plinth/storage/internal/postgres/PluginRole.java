package dev.plinth.storage.internal.postgres;

/**
 * A plugin's role on the server: its name (also its schema's) and the password Plinth set for it. The password is
 * never stored: Plinth sets a new one each time it starts using the role.
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
