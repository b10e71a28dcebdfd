package dev.plinth.console.internal;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins the operator trusts ({@code trusted.plugins}): their console pages run in the page. Ids that are not
 * plugin ids are ignored with a warning; ids of plugins that bring no console pages are ignored, logged once.
 */
final class TrustedPlugins {

    private static final Logger LOG = LoggerFactory.getLogger(TrustedPlugins.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]+(?:\\.[A-Za-z0-9_-]+)*");

    private final Set<String> ids;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    private TrustedPlugins(Set<String> ids) {
        this.ids = Set.copyOf(ids);
    }

    /** The trusted plugins of a configuration's value. */
    static TrustedPlugins of(String[] configured) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : configured == null ? new String[0] : configured) {
            String trimmed = id == null ? "" : id.trim();
            if (ID.matcher(trimmed).matches()) {
                ids.add(trimmed);
            } else {
                LOG.warn("{}: trusted.plugins holds '{}', which is not a plugin id; it is ignored",
                        ConsoleConfiguration.PID, trimmed.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        return new TrustedPlugins(ids);
    }

    /** The trusted ids, after logging once each one that names none of these plugins. */
    Set<String> among(Collection<String> plugins) {
        for (String id : ids) {
            if (!plugins.contains(id) && reported.add(id)) {
                LOG.info("{}: trusted.plugins names {}, which is not an enabled plugin with console pages; "
                        + "it is ignored", ConsoleConfiguration.PID, id);
            }
        }
        return ids;
    }
}
