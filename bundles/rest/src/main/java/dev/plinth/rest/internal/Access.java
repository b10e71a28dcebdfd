package dev.plinth.rest.internal;

/** What a request's credentials allow. */
enum Access {
    /** No credentials: no {@code Authorization: Bearer} header and no session cookie. */
    MISSING,
    /** A bearer token that matches no token. */
    WRONG,
    /** A viewer token: reading only. */
    VIEWER,
    /** The admin token: everything. */
    ADMIN,
    /** No credentials, on a path that tells something without: {@code GET /api/health}, its status only. */
    PUBLIC;

    /** The request attribute under which an accepted request carries its access. */
    static final String ATTRIBUTE = Access.class.getName();

    boolean accepted() {
        return this == VIEWER || this == ADMIN;
    }
}
