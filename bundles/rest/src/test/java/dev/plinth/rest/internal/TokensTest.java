package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class TokensTest {

    private static final String ADMIN = "admin-token-0123456789abcdef";
    private static final String VIEWER = "viewer-token-0123456789abcdef";

    private final Tokens tokens = new Tokens(ADMIN, viewers(VIEWER));

    @Test
    void theAdminTokenGivesAdminAccess() {
        assertEquals(Access.ADMIN, tokens.check("Bearer " + ADMIN));
        assertEquals(Access.ADMIN, tokens.check("bearer " + ADMIN), "the scheme is case-insensitive");
    }

    @Test
    void aViewerTokenGivesViewerAccess() {
        assertEquals(Access.VIEWER, tokens.check("Bearer " + VIEWER));
    }

    @Test
    void noHeaderOrAnotherSchemeIsMissing() {
        assertEquals(Access.MISSING, tokens.check(null));
        assertEquals(Access.MISSING, tokens.check(""));
        assertEquals(Access.MISSING, tokens.check("Basic " + ADMIN));
        assertEquals(Access.MISSING, tokens.check(ADMIN));
    }

    @Test
    void anyOtherTokenIsWrong() {
        assertEquals(Access.WRONG, tokens.check("Bearer " + ADMIN.substring(1)));
        assertEquals(Access.WRONG, tokens.check("Bearer " + ADMIN + "x"));
        assertEquals(Access.WRONG, tokens.check("Bearer "));
    }

    @Test
    void aViewerTokenMayBeConfiguredAsItsDigest() throws Exception {
        String digest = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(VIEWER.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Tokens byDigest = new Tokens(ADMIN, viewers("sha256:" + digest.toUpperCase(java.util.Locale.ROOT)));

        assertEquals(Access.VIEWER, byDigest.check("Bearer " + VIEWER));
        assertEquals(Access.WRONG, byDigest.check("Bearer sha256:" + digest), "the digest is no token");
        assertEquals(true, Tokens.isDigest("sha256:" + digest));
        assertEquals(false, Tokens.isDigest("sha256:" + digest.substring(1)));
    }

    @Test
    void eachTokenHasItsNameAndRole() {
        Tokens named = new Tokens(ADMIN, viewers("ops=" + VIEWER));
        assertEquals(new Credential("admin", Principal.Role.ADMIN, named.of(ADMIN).key()), named.of(ADMIN));
        assertEquals("ops", named.ofHeader("Bearer " + VIEWER).name());
        assertEquals(Principal.Role.VIEWER, named.of(VIEWER).role());
        assertEquals(null, named.of(VIEWER + "x"));
        assertEquals(null, named.ofHeader("Basic " + ADMIN));
        assertEquals(2, named.keys().size());
    }

    private static List<ViewerTokens.ViewerToken> viewers(String... configured) {
        return ViewerTokens.parse(configured, warning -> { }, information -> { });
    }

    @Test
    void onlyAcceptedAccessPasses() {
        assertEquals(List.of(Access.VIEWER, Access.ADMIN),
                List.of(Access.values()).stream().filter(Access::accepted).toList());
    }
}
