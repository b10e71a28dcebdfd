package dev.plinth.manager.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Plugin ids: the OSGi symbolic-name grammar they must follow, and the one way an id becomes a folder name, which
 * never leads out of its parent whatever the id (a store written before the grammar was checked may hold any).
 */
final class PluginIds {

    /** The rule, as operators read it in a refusal. */
    static final String RULE = "a plugin id follows the OSGi symbolic-name grammar: tokens of ASCII letters, "
            + "digits, '_' and '-' joined by single dots (symbolic-name ::= token('.'token)*, "
            + "token ::= (alphanum|'_'|'-')+)";

    private static final Pattern GRAMMAR = Pattern.compile("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*");

    private PluginIds() {
    }

    /** Whether {@code id} is a symbolic name by the OSGi grammar. */
    static boolean valid(String id) {
        return id != null && GRAMMAR.matcher(id).matches();
    }

    /**
     * The folder of {@code id} directly in {@code parent}; refused when the id is not a valid symbolic name or would
     * resolve anywhere else.
     */
    static Path folder(Path parent, String id) throws IOException {
        if (!valid(id)) {
            throw new IOException("'" + id + "' is not a valid plugin id, so it has no folder in " + parent + " ("
                    + RULE + ")");
        }
        Path root = parent.toAbsolutePath().normalize();
        if (!root.equals(root.resolve(id).normalize().getParent())) {
            throw new IOException("the folder of '" + id + "' would be outside " + parent);
        }
        return parent.resolve(id);
    }
}
