package dev.plinth.feature.model;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Fills in the {@code ${name}} references of a feature source from the build's properties. */
public final class Interpolation {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private Interpolation() {
    }

    /** @throws IllegalArgumentException naming the first reference {@code properties} has no value for */
    public static String apply(String text, Function<String, String> properties) {
        Matcher matcher = REFERENCE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = properties.apply(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("${" + matcher.group(1) + "} is not a property of the build");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        return matcher.appendTail(result).toString();
    }
}
