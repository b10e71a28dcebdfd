package dev.plinth.settings.internal;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Vector;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * The values of one metatype attribute: texts as an operator types them, checked against the attribute's type,
 * cardinality, options and its own {@link AttributeDefinition#validate validate}, and turned into the typed value a
 * plugin receives. A refusal's reason never repeats a secret's value.
 */
final class AttributeValues {

    private AttributeValues() {
    }

    /** The metatype type's name in lower case ({@code string}, {@code integer}, {@code password}, ...). */
    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.STRING -> "string";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.CHARACTER -> "character";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case 9 -> "biginteger";
            case 10 -> "bigdecimal";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.PASSWORD -> "password";
            default -> "type " + type;
        };
    }

    static boolean isSecret(AttributeDefinition attribute) {
        return attribute.getType() == AttributeDefinition.PASSWORD;
    }

    static boolean isMultiple(AttributeDefinition attribute) {
        return attribute.getCardinality() != 0;
    }

    /**
     * The values of {@code texts} for {@code attribute}: for a multi-valued attribute one text holding commas is
     * several values ({@code \,} is a comma inside a value).
     */
    static List<String> split(AttributeDefinition attribute, List<String> texts) {
        if (!isMultiple(attribute) || texts.size() != 1) {
            return List.copyOf(texts);
        }
        String text = texts.get(0);
        List<String> values = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == ',') {
                current.append(',');
                i++;
            } else if (c == ',') {
                values.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        values.add(current.toString().trim());
        return List.copyOf(values);
    }

    /**
     * Why {@code values} (already {@link #split}) are not acceptable for {@code attribute}, or empty when they are.
     * A value holding a {@code $[...]} reference is resolved on delivery and is checked then.
     */
    static Optional<String> refusal(AttributeDefinition attribute, List<String> values) {
        int cardinality = attribute.getCardinality();
        if (cardinality == 0 && values.size() != 1) {
            return Optional.of("takes one value, not " + values.size());
        }
        int most = cardinality == Integer.MAX_VALUE || cardinality == Integer.MIN_VALUE ? Integer.MAX_VALUE
                : Math.abs(cardinality);
        if (cardinality != 0 && values.size() > most) {
            return Optional.of("takes at most " + most + " values, not " + values.size());
        }
        boolean secret = isSecret(attribute);
        String[] options = attribute.getOptionValues();
        for (String value : values) {
            if (isReference(value)) {
                continue;
            }
            Optional<String> typeRefusal = typeRefusal(attribute.getType(), value);
            if (typeRefusal.isPresent()) {
                return secret ? Optional.of("is not a valid " + typeName(attribute.getType())) : typeRefusal;
            }
            if (options != null && options.length > 0 && !Arrays.asList(options).contains(value)) {
                return Optional.of((secret ? "the value" : "'" + value + "'") + " is not one of "
                        + (secret ? "the allowed values" : String.join(", ", options)));
            }
            String reason;
            try {
                reason = attribute.validate(value);
            } catch (RuntimeException e) {
                reason = "cannot be checked by the metatype";
            }
            if (reason != null && !reason.isEmpty()) {
                return Optional.of(secret || reason.contains(value) && !value.isEmpty()
                        ? "is refused by the metatype" + (secret ? "" : ": " + reason) : reason);
            }
        }
        return Optional.empty();
    }

    /** Whether {@code value} holds a reference that Configuration Admin's interpolation plugin resolves. */
    static boolean isReference(String value) {
        return value.contains("$[env:") || value.contains("$[secret:") || value.contains("$[prop:")
                || value.contains("$[conf:");
    }

    private static Optional<String> typeRefusal(int type, String value) {
        try {
            switch (type) {
                case AttributeDefinition.LONG -> Long.parseLong(value.trim());
                case AttributeDefinition.INTEGER -> Integer.parseInt(value.trim());
                case AttributeDefinition.SHORT -> Short.parseShort(value.trim());
                case AttributeDefinition.BYTE -> Byte.parseByte(value.trim());
                case AttributeDefinition.DOUBLE -> Double.parseDouble(value.trim());
                case AttributeDefinition.FLOAT -> Float.parseFloat(value.trim());
                case 9 -> new BigInteger(value.trim());
                case 10 -> new BigDecimal(value.trim());
                case AttributeDefinition.CHARACTER -> {
                    if (value.length() != 1) {
                        return Optional.of("'" + value + "' is not one character");
                    }
                }
                case AttributeDefinition.BOOLEAN -> {
                    String lower = value.trim().toLowerCase(Locale.ROOT);
                    if (!lower.equals("true") && !lower.equals("false")) {
                        return Optional.of("'" + value + "' is not true or false");
                    }
                }
                default -> {
                    return Optional.empty();
                }
            }
            return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.of("'" + value + "' is not " + article(typeName(type)));
        }
    }

    private static String article(String type) {
        return (type.startsWith("i") ? "an " : "a ") + type;
    }

    /** The typed value a plugin receives for {@code values} (valid for {@code attribute}). */
    static Object typed(AttributeDefinition attribute, List<String> values) {
        int cardinality = attribute.getCardinality();
        if (cardinality == 0) {
            return scalar(attribute.getType(), values.isEmpty() ? "" : values.get(0));
        }
        if (cardinality > 0) {
            Class<?> component = javaType(attribute.getType());
            Object array = Array.newInstance(component, values.size());
            for (int i = 0; i < values.size(); i++) {
                Array.set(array, i, scalar(attribute.getType(), values.get(i)));
            }
            return array;
        }
        Vector<Object> list = new Vector<>();
        values.forEach(v -> list.add(scalar(attribute.getType(), v)));
        return list;
    }

    private static Object scalar(int type, String value) {
        if (isReference(value)) {
            return value;
        }
        String trimmed = value.trim();
        return switch (type) {
            case AttributeDefinition.LONG -> Long.valueOf(trimmed);
            case AttributeDefinition.INTEGER -> Integer.valueOf(trimmed);
            case AttributeDefinition.SHORT -> Short.valueOf(trimmed);
            case AttributeDefinition.BYTE -> Byte.valueOf(trimmed);
            case AttributeDefinition.DOUBLE -> Double.valueOf(trimmed);
            case AttributeDefinition.FLOAT -> Float.valueOf(trimmed);
            case 9 -> new BigInteger(trimmed);
            case 10 -> new BigDecimal(trimmed);
            case AttributeDefinition.CHARACTER -> value.charAt(0);
            case AttributeDefinition.BOOLEAN -> Boolean.valueOf(trimmed);
            default -> value;
        };
    }

    private static Class<?> javaType(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case 9 -> BigInteger.class;
            case 10 -> BigDecimal.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            default -> String.class;
        };
    }

    /** A configuration value (scalar, array or collection) as texts. */
    static List<String> texts(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value.getClass().isArray()) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                texts.add(String.valueOf(Array.get(value, i)));
            }
            return texts;
        }
        if (value instanceof Collection<?> collection) {
            return collection.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /** A configuration value as the store keeps it. */
    static StoredValue stored(Object value, java.util.function.UnaryOperator<String> seal) {
        StoredValue.Shape shape;
        String type;
        if (value.getClass().isArray()) {
            shape = StoredValue.Shape.ARRAY;
            type = value.getClass().getComponentType().getSimpleName();
        } else if (value instanceof Collection<?> collection) {
            shape = StoredValue.Shape.LIST;
            type = collection.isEmpty() ? "String" : collection.iterator().next().getClass().getSimpleName();
        } else {
            shape = StoredValue.Shape.SCALAR;
            type = value.getClass().getSimpleName();
        }
        return new StoredValue(type, shape, texts(value).stream().map(seal).toList());
    }

    /** The configuration value the store keeps as {@code stored} (its texts already opened). */
    static Object restored(StoredValue stored, List<String> texts) {
        int type = switch (stored.type()) {
            case "Long", "long" -> AttributeDefinition.LONG;
            case "Integer", "int" -> AttributeDefinition.INTEGER;
            case "Short", "short" -> AttributeDefinition.SHORT;
            case "Byte", "byte" -> AttributeDefinition.BYTE;
            case "Double", "double" -> AttributeDefinition.DOUBLE;
            case "Float", "float" -> AttributeDefinition.FLOAT;
            case "BigInteger" -> 9;
            case "BigDecimal" -> 10;
            case "Character", "char" -> AttributeDefinition.CHARACTER;
            case "Boolean", "boolean" -> AttributeDefinition.BOOLEAN;
            default -> AttributeDefinition.STRING;
        };
        List<Object> values = new ArrayList<>();
        for (String text : texts) {
            try {
                values.add(typeRefusal(type, text).isPresent() ? text : scalar(type, text));
            } catch (RuntimeException e) {
                values.add(text);
            }
        }
        return switch (stored.shape()) {
            case SCALAR -> values.isEmpty() ? "" : values.get(0);
            case LIST -> new Vector<>(values);
            case ARRAY -> {
                boolean typed = values.stream().allMatch(v -> javaType(type).isInstance(v));
                Object array = Array.newInstance(typed ? javaType(type) : String.class, values.size());
                for (int i = 0; i < values.size(); i++) {
                    Array.set(array, i, typed ? values.get(i) : String.valueOf(values.get(i)));
                }
                yield array;
            }
        };
    }
}
