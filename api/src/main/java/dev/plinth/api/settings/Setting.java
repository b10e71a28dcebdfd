package dev.plinth.api.settings;

import java.util.List;

/**
 * One setting: a metatype attribute with its effective value and where that value comes from. A secret's value is
 * never given: {@code value} is empty and {@code set} says whether it has one.
 *
 * @param key the attribute's id, the configuration's key
 * @param name the metatype's name for it
 * @param description the metatype's description, or {@code null}
 * @param type the metatype type in lower case: {@code string}, {@code integer}, {@code long}, {@code boolean},
 *        {@code password}, ...
 * @param multiple whether it takes several values (a metatype cardinality other than 0)
 * @param required whether the metatype requires a value
 * @param secret whether it is a secret (type {@code password})
 * @param defaults the metatype's default values, empty when none (a secret's are never given)
 * @param value the effective values as text, empty for a secret or when unset
 * @param set whether it has a value other than its default (for a secret: whether it has one at all)
 * @param source where the effective value comes from
 * @param options the allowed values (value, label), empty when any value of the type is allowed
 */
public record Setting(String key, String name, String description, String type, boolean multiple, boolean required,
        boolean secret, List<String> defaults, List<String> value, boolean set, Source source, List<Option> options) {

    public Setting {
        defaults = List.copyOf(defaults);
        value = List.copyOf(value);
        options = List.copyOf(options);
    }

    /** Where a setting's effective value comes from. */
    public enum Source {
        /** The metatype's default (or nothing). */
        DEFAULT,
        /** A configuration file of {@code etc/}: the setting is locked. */
        FILE,
        /** An operator, through the shell, the REST API or the command line. */
        OPERATOR,
        /** A {@code $[env:NAME]} reference, resolved on delivery. */
        ENVIRONMENT,
        /** A {@code $[secret:NAME]} reference, resolved on delivery from the secrets directory. */
        SECRET_REFERENCE;

        /** The word shown to operators: {@code default}, {@code file}, {@code operator}, {@code environment},
         * {@code secret-reference}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * An allowed value.
     *
     * @param value the value
     * @param label its label
     */
    public record Option(String value, String label) {
    }
}
