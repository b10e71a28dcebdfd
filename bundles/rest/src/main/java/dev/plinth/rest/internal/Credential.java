package dev.plinth.rest.internal;

/**
 * A token Plinth accepts, by its name and role; {@code key} identifies it (its name and digest) without holding it,
 * so that a session can tell that its token was taken away.
 *
 * @param name the token's name ({@code admin}, a viewer's name)
 * @param role what it may do
 * @param key its name and the hex of its sha-256 digest
 */
record Credential(String name, Principal.Role role, String key) {
}
