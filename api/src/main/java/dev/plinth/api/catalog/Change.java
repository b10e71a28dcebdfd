package dev.plinth.api.catalog;

/**
 * One change {@link Catalog#apply} makes (or, in a dry run, would make).
 *
 * @param action what is done
 * @param id the plugin id
 * @param from the version before, or {@code null}
 * @param to the version after, or {@code null}
 * @param detail what a {@link Action#SETTINGS settings} or {@link Action#SECRET secret} change is about (the PID and
 *        keys), {@code null} for the others
 */
public record Change(Action action, String id, String from, String to, String detail) {

    /** A change of a plugin's version or state. */
    public Change(Action action, String id, String from, String to) {
        this(action, id, from, to, null);
    }

    /** The kinds of change an apply is made of, in the order they are made. */
    public enum Action {
        /** Remove a plugin the set does not list. */
        REMOVE,
        /** Disable a plugin the set lists as disabled. */
        DISABLE,
        /** Install a plugin from a catalogue. */
        INSTALL,
        /** Change a plugin's version. */
        UPGRADE,
        /** Set (or unset) settings of a plugin as the set lists them, one configuration a change. */
        SETTINGS,
        /** Nothing is done: a secret the set names is not set here; give it with {@code plugin:set}. */
        SECRET,
        /** Enable a plugin the set lists as enabled. */
        ENABLE,
        /** Pin a plugin. */
        PIN,
        /** Unpin a plugin. */
        UNPIN;

        /** The lower-case name shown to operators. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
