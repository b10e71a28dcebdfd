package dev.plinth.rest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The configured {@code allowed.hosts}: host names (each {@code host} or {@code host:port}) the console may be reached
 * by besides the address Plinth listens on and the loopback names, e.g. the public name of a TLS proxy. An entry
 * without a port allows the name with any port in the {@code Host} header, and with port 443 in an {@code https}
 * {@code Origin}.
 */
final class AllowedHosts {

    private static final Pattern ENTRY = Pattern.compile(
            "(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::([0-9]{1,5}))?");

    private record Entry(String host, int port) {
    }

    private final List<Entry> entries;

    private AllowedHosts(List<Entry> entries) {
        this.entries = entries;
    }

    /** The entries of {@code configured}; blank ones are skipped, a malformed one is refused. */
    static AllowedHosts parse(List<String> configured) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String entry = configured.get(i) == null ? "" : configured.get(i).strip();
            if (entry.isEmpty()) {
                continue;
            }
            Matcher matcher = ENTRY.matcher(entry);
            int port = matcher.matches() && matcher.group(3) != null ? Integer.parseInt(matcher.group(3)) : -1;
            if (!matcher.matches() || port == 0 || port > 65535) {
                throw new IllegalArgumentException("entry number " + (i + 1)
                        + " is not a host name or host:port (no scheme, no path)");
            }
            entries.add(new Entry(normal(matcher.group(1)), port));
        }
        return new AllowedHosts(List.copyOf(entries));
    }

    /** None. */
    static AllowedHosts none() {
        return new AllowedHosts(List.of());
    }

    /** True when a {@code Host} header naming {@code host} and {@code port} is allowed. */
    boolean host(String host, int port) {
        String name = normal(host);
        return entries.stream()
                .anyMatch(entry -> entry.host().equals(name) && (entry.port() < 0 || entry.port() == port));
    }

    /** True when an {@code Origin} of {@code https://host:port} is allowed. */
    boolean httpsOrigin(String host, int port) {
        String name = normal(host);
        return entries.stream()
                .anyMatch(entry -> entry.host().equals(name) && (entry.port() < 0 ? 443 : entry.port()) == port);
    }

    /** The host name without IPv6 brackets, in lower case. */
    static String normal(String host) {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return name.toLowerCase(Locale.ROOT);
    }
}
