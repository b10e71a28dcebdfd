package dev.plinth.rest.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the token check takes from the configuration, read and checked whole (the other components' settings are
 * read too) before any of it is used: a value that cannot be read (e.g. {@code session.idle.minutes = "15m"}) makes {@link #read} fail, naming the setting but never
 * its value, so that the check can close the API rather than go on with half a configuration.
 *
 * @param adminTokenFile {@code admin.token.file}, empty for the default
 * @param viewerTokens {@code viewer.tokens} as configured
 * @param idle {@code session.idle.minutes}
 * @param max {@code session.max.hours}
 * @param allowedHosts {@code allowed.hosts} ({@link AllowedHosts})
 */
record RestSettings(String adminTokenFile, String[] viewerTokens, Duration idle, Duration max,
        AllowedHosts allowedHosts) {

    /** A configuration that cannot be used; its message names the setting and why, never the value. */
    static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }
    }

    /** The settings of {@code config}, all of them read and checked. */
    static RestSettings read(RestConfiguration config) throws Unusable {
        String file = value("admin.token.file", config::admin_token_file);
        String[] viewers = value("viewer.tokens", config::viewer_tokens);
        int idle = value("session.idle.minutes", config::session_idle_minutes);
        int max = value("session.max.hours", config::session_max_hours);
        String[] hosts = value("allowed.hosts", config::allowed_hosts);
        value("max.upload.bytes", config::max_upload_bytes);
        value("events.max.clients", config::events_max_clients);
        value("events.keepalive.s", config::events_keepalive_s);
        if (idle < 1) {
            throw new Unusable("session.idle.minutes must be at least 1");
        }
        if (max < 1) {
            throw new Unusable("session.max.hours must be at least 1");
        }
        AllowedHosts allowed;
        try {
            allowed = AllowedHosts.parse(hosts == null ? List.of() : List.of(hosts));
        } catch (IllegalArgumentException e) {
            throw new Unusable("allowed.hosts: " + e.getMessage());
        }
        return new RestSettings(file == null ? "" : file, viewers, Duration.ofMinutes(idle), Duration.ofHours(max),
                allowed);
    }

    private static <T> T value(String name, Supplier<T> reader) throws Unusable {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            throw new Unusable(name + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }
}
