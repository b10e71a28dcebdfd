package dev.plinth.settings.internal;

import java.util.List;
import java.util.Optional;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * A configuration a bundle's metatype describes: a PID, or a factory PID whose configurations are
 * {@code factoryPid~name}.
 *
 * @param pid the PID or factory PID
 * @param factory whether it is a factory PID
 * @param name the metatype's name
 * @param description the metatype's description, or null
 * @param attributes its attributes, in the metatype's order
 */
record ConfigurationSchema(String pid, boolean factory, String name, String description,
        List<Attribute> attributes) {

    ConfigurationSchema {
        attributes = List.copyOf(attributes);
    }

    /** One attribute and whether the metatype requires it. */
    record Attribute(AttributeDefinition definition, boolean required) {

        String id() {
            return definition.getID();
        }

        boolean secret() {
            return AttributeValues.isSecret(definition);
        }

        /** The metatype's defaults, empty when none. */
        List<String> defaults() {
            String[] defaults = definition.getDefaultValue();
            return defaults == null ? List.of() : List.of(defaults);
        }
    }

    Optional<Attribute> attribute(String key) {
        return attributes.stream().filter(a -> a.id().equals(key)).findFirst();
    }

    /** Whether a configuration PID ({@code factoryPid~name} for a factory) is one of this schema. */
    boolean describes(String configurationPid) {
        return factory ? configurationPid.startsWith(pid + "~") && configurationPid.length() > pid.length() + 1
                : configurationPid.equals(pid);
    }

    /**
     * Why {@code configurationPid}, which this schema {@link #describes}, cannot be stored: a factory configuration's
     * name is 1 to 100 letters, digits, '_', '-' and '.'; {@code null} when it can.
     */
    String nameRefusal(String configurationPid) {
        if (!factory || configurationPid.substring(pid.length() + 1).matches("[A-Za-z0-9_.-]{1,100}")) {
            return null;
        }
        return "the name of a configuration of " + pid + " is 1 to 100 letters, digits, '_', '-' and '.', as in "
                + pid + "~main";
    }
}
