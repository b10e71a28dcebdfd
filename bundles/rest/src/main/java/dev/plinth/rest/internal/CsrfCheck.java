package dev.plinth.rest.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Refuses requests made with the session cookie that do not prove to come from the console's page: every request,
 * whatever its method, must carry the session's CSRF token in {@code X-Plinth-CSRF} (compared in constant time), so
 * that the cookie alone opens nothing (browsers send a host's cookies to every port of it, to other servers too);
 * only {@code GET /api/events} may carry it as the query parameter {@code csrf} instead, since {@code EventSource}
 * cannot send headers. An {@code Origin} header, when it is sent, must be the request's own
 * {@code scheme://host:port}, or {@code https://} and a host of {@link AllowedHosts} (behind a TLS proxy).
 */
final class CsrfCheck {

    /** The header that carries the session's CSRF token. */
    static final String HEADER = "X-Plinth-CSRF";

    /** The query parameter that may carry the CSRF token on {@code GET /api/events}. */
    static final String PARAMETER = "csrf";
    static final String EVENTS = "/api/events";

    private CsrfCheck() {
    }

    /** The CSRF value the request presents: its header, or on the event stream its {@code csrf} parameter; or null. */
    static String presented(HttpServletRequest request) {
        String presented = request.getHeader(HEADER);
        if (presented == null && "GET".equals(request.getMethod()) && EVENTS.equals(request.getRequestURI())) {
            presented = parameter(request);
        }
        return presented;
    }

    /** Why {@code request} of a session whose CSRF token is {@code csrf} is refused, or {@code null} when it is not. */
    static String refusal(HttpServletRequest request, String csrf, AllowedHosts allowed) {
        String presented = presented(request);
        if (presented == null) {
            return "a request made with the session cookie needs the " + HEADER + " header"
                    + (EVENTS.equals(request.getRequestURI()) ? " (or the query parameter " + PARAMETER + ")" : "");
        }
        if (!matches(presented, csrf)) {
            return "the " + HEADER + " header does not match the session";
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !sameOrigin(origin, request.getScheme(), request.getServerName(),
                request.getServerPort()) && !allowedOrigin(origin, allowed)) {
            return "the request comes from another origin (" + printable(origin) + ")";
        }
        return null;
    }

    /** Whether {@code presented} is the session's CSRF value {@code csrf}, compared in constant time. */
    static boolean matches(String presented, String csrf) {
        return presented != null
                && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8));
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

    /** True when {@code origin} is {@code https://} and a host of {@code allowed}. */
    static boolean allowedOrigin(String origin, AllowedHosts allowed) {
        try {
            URI uri = new URI(origin.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null
                    || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                    || uri.getRawUserInfo() != null) {
                return false;
            }
            return allowed.httpsOrigin(uri.getHost(), uri.getPort() != -1 ? uri.getPort() : 443);
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String parameter(HttpServletRequest request) {
        try {
            return Query.parse(request.getQueryString()).text(PARAMETER);
        } catch (ApiException e) {
            return null;
        }
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    static String printable(String text) {
        String shown = text.replaceAll("[^\\x20-\\x7e]", "?");
        return shown.length() > 100 ? shown.substring(0, 100) + "..." : shown;
    }
}
