package dev.plinth.console.internal;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers of the console's answers. The console's own files: a content security policy that allows only the
 * console's own scripts (and, by their hash, the inline scripts of {@code index.html} that hold no code: its import
 * map), styles and API, frames of the console's own origin only (plugins' frame documents), no forms posted
 * elsewhere, no workers, no other window opened (a sandbox without popups); frame denial, no content sniffing, no referrer, and revalidation on every use. Plugins' files and the
 * SDK's files add their own ({@link #pluginFile}, {@link #sdkFile}).
 */
final class SecurityHeaders {

    /** Cached for a year and never revalidated: the URL changes with the content. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** The policy of a plugin's file opened as a document: no origin, nothing runs, nothing loads. */
    static final String PLUGIN_FILE_POLICY = "sandbox; default-src 'none'";

    /**
     * The console's pages may open no other window (no {@code allow-popups}): a window of the console's origin that a
     * trusted plugin's code opened would be readable by that code, a fresh console and its sign-in form included.
     */
    static final String SANDBOX = "sandbox allow-scripts allow-same-origin allow-forms allow-modals allow-downloads";

    private SecurityHeaders() {
    }

    /**
     * The content security policy of the console.
     *
     * @param scriptHashes the {@code sha256-<base64>} sources of the inline scripts allowed
     */
    static String policy(List<String> scriptHashes) {
        StringBuilder scripts = new StringBuilder("'self'");
        scriptHashes.forEach(hash -> scripts.append(" '").append(hash).append('\''));
        return "default-src 'none'; script-src " + scripts + "; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'; font-src 'self'; manifest-src 'self'; frame-src 'self'; "
                + "worker-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; " + SANDBOX;
    }

    /** Sets the console's headers on an answer, with this policy. */
    static void apply(HttpServletResponse response, String policy) {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Cache-Control", "no-cache");
    }

    /**
     * Makes an answer with the console's headers one of a plugin's files: cached for good (its URL names its
     * revision), readable from the sandboxed frames' opaque origin, and inert when opened as a document.
     */
    static void pluginFile(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", PLUGIN_FILE_POLICY);
        response.setHeader("Cache-Control", IMMUTABLE);
        response.setHeader("Access-Control-Allow-Origin", "*");
    }

    /** Makes an answer with the console's headers one of the SDK's files: cached for good, readable from frames. */
    static void sdkFile(HttpServletResponse response) {
        response.setHeader("Cache-Control", IMMUTABLE);
        response.setHeader("Access-Control-Allow-Origin", "*");
    }

    /** Makes an answer with the console's headers a frame document, framed by the console only, with its policy. */
    static void frame(HttpServletResponse response, String policy) {
        response.setHeader("Content-Security-Policy", policy);
        response.setHeader("X-Frame-Options", "SAMEORIGIN");
    }
}
