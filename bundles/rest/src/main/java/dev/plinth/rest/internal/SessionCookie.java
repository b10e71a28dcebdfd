package dev.plinth.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The session cookie, {@code plinth-session}: read from a request's {@code Cookie} headers, and written as a
 * {@code Set-Cookie} value that scripts cannot read ({@code HttpOnly}), that other sites' pages never send
 * ({@code SameSite=Strict}), for the whole server ({@code Path=/}), {@code Secure} over HTTPS. One cookie carries the
 * sessions of several browser tabs (each tab signs in on its own, and cookies ignore tabs): its value is their ids
 * joined by {@code .} (ids are base64url, which has no {@code .}), at most {@link #MAX_IDS}.
 */
final class SessionCookie {

    /** The cookie's name. */
    static final String NAME = "plinth-session";

    /** How many values of the cookie a request may offer; more are not looked at. */
    static final int MAX_VALUES = 8;
    /** How many session ids one value carries at most; more are not looked at, and none is written beyond. */
    static final int MAX_IDS = 8;
    /** What joins the ids of one value. */
    static final String SEPARATOR = ".";

    private SessionCookie() {
    }

    /**
     * Every session id the request's cookies carry, in their order, each once: the ids of each value (at most
     * {@link #MAX_IDS} of each, of at most {@link #MAX_VALUES} values). A page of another port of the same host can set
     * a cookie of the same name (cookies ignore ports), so that a browser sends two; a live session among them counts.
     */
    static List<String> read(HttpServletRequest request) {
        Set<String> ids = new LinkedHashSet<>();
        for (String value : values(request)) {
            int taken = 0;
            for (String id : value.split("\\.")) {
                if (!id.isEmpty() && taken < MAX_IDS) {
                    ids.add(id);
                    taken++;
                }
            }
        }
        return List.copyOf(ids);
    }

    private static List<String> values(HttpServletRequest request) {
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

    /**
     * The {@code Set-Cookie} value that gives the client the sessions {@code ids} (at most {@link #MAX_IDS}, the
     * first ones) for {@code seconds}.
     */
    static String set(List<String> ids, long seconds, boolean secure) {
        String value = String.join(SEPARATOR, ids.subList(0, Math.min(ids.size(), MAX_IDS)));
        return NAME + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + seconds
                + (secure ? "; Secure" : "");
    }

    /** The {@code Set-Cookie} value that makes the client forget its session cookie. */
    static String clear(boolean secure) {
        return NAME + "=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "");
    }
}
