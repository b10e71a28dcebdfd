package dev.plinth.rest.internal;

/** What a request's credentials allow. */
enum Access {
    /** No {@code Authorization: Bearer} header. */
    MISSING,
    /** A bearer token that matches no token. */
    WRONG,
    /** A viewer token: reading only. */
    VIEWER,
    /** The admin token: everything. */
    ADMIN;

    /** The request attribute under which an accepted request carries its access. */
    static final String ATTRIBUTE = Access.class.getName();

    boolean accepted() {
        return this == VIEWER || this == ADMIN;
    }
}
