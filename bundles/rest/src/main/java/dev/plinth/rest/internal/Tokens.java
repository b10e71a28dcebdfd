package dev.plinth.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.plinth.common.Sha256;

/**
 * The tokens a request may carry, each with its name: the admin token ({@code admin}) and the viewer tokens
 * ({@link ViewerTokens}). Only their sha-256 digests are kept, and a presented token is compared with every one of
 * them in constant time ({@link MessageDigest#isEqual}), so that neither the comparison nor the number of tokens
 * tried leaks how close a guess was.
 */
final class Tokens {

    /** Tokens shorter than this are refused: they could be guessed. */
    static final int MINIMUM_LENGTH = 16;

    /** How a configured viewer token that is the digest of the token begins. */
    static final String DIGEST_PREFIX = "sha256:";

    /** The name of the admin token. */
    static final String ADMIN = "admin";

    private static final String BEARER = "bearer ";
    private static final Pattern DIGEST = Pattern.compile("(?i)" + DIGEST_PREFIX + "[0-9a-f]{64}");

    private final List<Known> known = new ArrayList<>();

    private record Known(byte[] digest, Credential credential) {
    }

    Tokens(String admin, List<ViewerTokens.ViewerToken> viewers) {
        add(ADMIN, Principal.Role.ADMIN, digest(admin));
        viewers.forEach(viewer -> add(viewer.name(), Principal.Role.VIEWER, viewer.digest()));
    }

    private void add(String name, Principal.Role role, byte[] digest) {
        known.add(new Known(digest, new Credential(name, role, name + ":" + HexFormat.of().formatHex(digest))));
    }

    /** True when a configured viewer token is a digest ({@code sha256:} and 64 hex digits). */
    static boolean isDigest(String configured) {
        return DIGEST.matcher(configured).matches();
    }

    /** True when a configured viewer token means to be a digest: it begins with {@code sha256:}. */
    static boolean looksLikeDigest(String configured) {
        return configured.regionMatches(true, 0, DIGEST_PREFIX, 0, DIGEST_PREFIX.length());
    }

    /** What the value of an {@code Authorization} header (or {@code null}) allows. */
    Access check(String authorization) {
        if (!isBearer(authorization)) {
            return Access.MISSING;
        }
        Credential credential = ofHeader(authorization);
        return credential == null ? Access.WRONG : credential.role().access();
    }

    /** True when {@code authorization} is a bearer header. */
    static boolean isBearer(String authorization) {
        return authorization != null && authorization.length() >= BEARER.length()
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    /** The token an {@code Authorization} header carries, or {@code null} when it is no known bearer token. */
    Credential ofHeader(String authorization) {
        return isBearer(authorization) ? of(authorization.substring(BEARER.length()).strip()) : null;
    }

    /** The known token {@code token} is, or {@code null}; every known token is compared, in constant time. */
    Credential of(String token) {
        byte[] presented = digest(token);
        Credential match = null;
        for (Known candidate : known) {
            if (MessageDigest.isEqual(candidate.digest(), presented)) {
                match = candidate.credential();
            }
        }
        return match;
    }

    /** The keys of every known token ({@link Credential#key()}). */
    Set<String> keys() {
        return known.stream().map(candidate -> candidate.credential().key()).collect(Collectors.toSet());
    }

    static byte[] digest(String token) {
        return Sha256.digest().digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
