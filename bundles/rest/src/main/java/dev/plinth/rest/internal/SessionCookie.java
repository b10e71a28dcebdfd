package dev.plinth.rest.internal;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The session cookie, {@code plinth-session}: read from a request's {@code Cookie} headers, and written as a
 * {@code Set-Cookie} value that scripts cannot read ({@code HttpOnly}), that other sites' pages never send
 * ({@code SameSite=Strict}), for the whole server ({@code Path=/}), {@code Secure} over HTTPS.
 */
final class SessionCookie {

    /** The cookie's name. */
    static final String NAME = "plinth-session";

    /** How many values of the cookie a request may offer; more are not looked at. */
    static final int MAX_VALUES = 8;

    private SessionCookie() {
    }

    /**
     * Every session id the request's cookies carry, in their order: a page of another port of the same host can set a
     * cookie of the same name (cookies ignore ports), so that a browser sends two; the one of a live session counts.
     */
    static List<String> read(HttpServletRequest request) {
        List<String> values = new ArrayList<>();
        var headers = request.getHeaders("Cookie");
        while (headers != null && headers.hasMoreElements()) {
            for (String pair : headers.nextElement().split(";")) {
                int equals = pair.indexOf('=');
                if (equals > 0 && pair.substring(0, equals).strip().equals(NAME)) {
                    String value = pair.substring(equals + 1).strip();
                    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (!value.isEmpty() && values.size() < MAX_VALUES) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }

    /** The {@code Set-Cookie} value that gives the client session {@code id} for {@code seconds}. */
    static String set(String id, long seconds, boolean secure) {
        return NAME + "=" + id + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + seconds + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the client forget its session cookie. */
    static String clear(boolean secure) {
        return NAME + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
