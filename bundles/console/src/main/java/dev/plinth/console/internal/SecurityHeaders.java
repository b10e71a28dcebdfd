package dev.plinth.console.internal;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every answer of the console carries: a content security policy that allows only the console's own
 * scripts, styles and API (no inline script or style, no frames, no forms posted elsewhere), frame denial, no
 * content sniffing, no referrer, and revalidation on every use.
 */
final class SecurityHeaders {

    /** The content security policy of the console. */
    static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";

    private SecurityHeaders() {
    }

    /** Sets the headers on an answer. */
    static void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
    }
}
