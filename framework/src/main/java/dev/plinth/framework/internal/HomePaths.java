package dev.plinth.framework.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes the paths of a property set absolute against the home, once, before anything uses them, so
 * that the launcher, the framework, the bundles and {@code bin/plinth} agree on every directory
 * whatever the working directory.
 */
final class HomePaths {

    /** A URL such as {@code file:/x} or {@code classpath:logback.xml}: left as it is. */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+:.*");

    private HomePaths() {
    }

    /** A copy of {@code properties} in which the values of {@code keys} are absolute, normalised paths. */
    static Map<String, String> absolute(Path home, Map<String, String> properties, Set<String> keys) {
        Map<String, String> result = new LinkedHashMap<>(properties);
        for (String key : keys) {
            String value = result.get(key);
            if (value == null || value.isBlank() || URL.matcher(value).matches()) {
                continue;
            }
            try {
                result.put(key, home.resolve(value.trim()).normalize().toString());
            } catch (InvalidPathException e) {
                throw new ConfigurationException("property " + key + " is not a valid path: " + value, e);
            }
        }
        return result;
    }
}
