package dev.plinth.rest.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Refuses cross-site changes made with the session cookie: a request other than {@code GET} and {@code HEAD} must
 * carry the session's CSRF token in {@code X-Plinth-CSRF} (compared in constant time), and an {@code Origin} header,
 * when it is sent, must be the request's own {@code scheme://host:port}.
 */
final class CsrfCheck {

    /** The header that carries the session's CSRF token. */
    static final String HEADER = "X-Plinth-CSRF";

    private static final Set<String> READING = Set.of("GET", "HEAD");

    private CsrfCheck() {
    }

    /** Why {@code request} of a session whose CSRF token is {@code csrf} is refused, or {@code null} when it is not. */
    static String refusal(HttpServletRequest request, String csrf) {
        if (READING.contains(request.getMethod())) {
            return null;
        }
        String presented = request.getHeader(HEADER);
        if (presented == null) {
            return "a change made with the session cookie needs the " + HEADER + " header";
        }
        if (!MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
            return "the " + HEADER + " header does not match the session";
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request.getScheme(), request.getServerName(),
                request.getServerPort())) {
            return "the request comes from another origin (" + printable(origin) + ")";
        }
        return null;
    }

    /** True when {@code origin} names {@code scheme://host:port} (the scheme's default port when it names none). */
    static boolean sameOrigin(String origin, String scheme, String host, int port) {
        try {
            URI uri = new URI(origin.strip());
            if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty()
                    || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                return false;
            }
            String originScheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int originPort = uri.getPort() != -1 ? uri.getPort() : defaultPort(originScheme);
            return originScheme.equals(scheme.toLowerCase(Locale.ROOT))
                    && strip(uri.getHost()).equalsIgnoreCase(strip(host)) && originPort == port;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static String printable(String text) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }
}
