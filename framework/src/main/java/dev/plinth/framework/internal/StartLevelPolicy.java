package dev.plinth.framework.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which start level a boot bundle gets, by its symbolic name. Written as
 * {@code name=level, prefix.*=level, ...}; the first matching entry wins, a bundle no entry
 * matches gets the default level.
 */
public final class StartLevelPolicy {

    private record Rule(String pattern, Pattern regex, int level) {
    }

    private final List<Rule> rules;
    private final int defaultLevel;

    private StartLevelPolicy(List<Rule> rules, int defaultLevel) {
        this.rules = rules;
        this.defaultLevel = defaultLevel;
    }

    public static StartLevelPolicy parse(String text, int defaultLevel) {
        List<Rule> rules = new ArrayList<>();
        if (text != null) {
            for (String entry : text.split(",")) {
                String trimmed = entry.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                int equals = trimmed.indexOf('=');
                if (equals <= 0) {
                    throw new ConfigurationException("property " + LauncherProperties.START_LEVELS
                            + " has an entry without '=level': " + trimmed);
                }
                String pattern = trimmed.substring(0, equals).trim();
                String level = trimmed.substring(equals + 1).trim();
                rules.add(new Rule(pattern, glob(pattern), level(pattern, level)));
            }
        }
        return new StartLevelPolicy(List.copyOf(rules), defaultLevel);
    }

    public int levelOf(String symbolicName) {
        for (Rule rule : rules) {
            if (rule.regex().matcher(symbolicName).matches()) {
                return rule.level();
            }
        }
        return defaultLevel;
    }

    private static int level(String pattern, String text) {
        try {
            int level = Integer.parseInt(text);
            if (level > 0) {
                return level;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigurationException("property " + LauncherProperties.START_LEVELS + " gives " + pattern
                + " the start level '" + text + "'; a start level is a positive whole number");
    }

    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
