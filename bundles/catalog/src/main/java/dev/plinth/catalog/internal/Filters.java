package dev.plinth.catalog.internal;

import java.util.Map;

import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;

/** Requirement filters over capability attributes; a filter that does not parse matches nothing. */
final class Filters {

    /** Whether a capability's attributes meet a requirement. */
    @FunctionalInterface
    interface Matcher {
        boolean matches(Map<String, ?> attributes);
    }

    private Filters() {
    }

    static Matcher matcher(String filter) {
        if (filter == null || filter.isBlank()) {
            return attributes -> true;
        }
        try {
            Filter parsed = FrameworkUtil.createFilter(filter);
            return parsed::matches;
        } catch (InvalidSyntaxException e) {
            return attributes -> false;
        }
    }
}
