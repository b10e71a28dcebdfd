package dev.plinth.settings.internal;

import java.util.List;
import java.util.Objects;

/**
 * A delivered value as the store keeps it: its Java type's simple name ({@code String}, {@code Integer}, ...),
 * whether it was an array or a collection, and its values as text (a secret sealed).
 */
record StoredValue(String type, Shape shape, List<String> values) {

    StoredValue {
        type = type == null ? "String" : type;
        shape = shape == null ? Shape.SCALAR : shape;
        values = values == null ? List.of() : List.copyOf(values.stream().map(Objects::requireNonNull).toList());
    }

    /** How the values are held. */
    enum Shape {
        SCALAR, ARRAY, LIST
    }
}
