package dev.plinth.rest.internal;

/**
 * Who a request was let through for: the name of its token ({@code admin}, a viewer's name), its role, and the
 * channel it came by ({@code rest} with a bearer token, {@code console} with the session cookie). Carried as the
 * request attribute {@link #ATTRIBUTE}; its {@link #origin()} is what the history records.
 *
 * @param name the token's name
 * @param role what the token may do
 * @param channel {@link #REST} or {@link #CONSOLE}
 */
record Principal(String name, Role role, String channel) {

    /** The channel of a request with a bearer token. */
    static final String REST = "rest";
    /** The channel of a request authenticated by the session cookie. */
    static final String CONSOLE = "console";
    /** The request attribute under which an accepted request carries its principal. */
    static final String ATTRIBUTE = Principal.class.getName();

    /** What a token may do. */
    enum Role {
        /** Everything. */
        ADMIN,
        /** Read only. */
        VIEWER;

        /** The role as operators read it: {@code admin}, {@code viewer}. */
        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        Access access() {
            return this == ADMIN ? Access.ADMIN : Access.VIEWER;
        }
    }

    /** The origin the history records: {@code channel:name}. */
    String origin() {
        return channel + ":" + name;
    }

    /** The origin of the request's principal; {@code rest} alone when it carries none (it did not pass the check). */
    static String originOf(jakarta.servlet.http.HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Principal principal ? principal.origin() : REST;
    }
}
