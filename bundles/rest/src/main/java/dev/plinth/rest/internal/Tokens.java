package dev.plinth.rest.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import dev.plinth.common.Sha256;

/**
 * The bearer tokens a request may carry. Only their sha-256 digests are kept, and a presented token is compared
 * with every one of them in constant time ({@link MessageDigest#isEqual}), so that neither the comparison nor the
 * number of tokens tried leaks how close a guess was. A viewer token may be given as its digest,
 * {@code sha256:<64 hex digits>}, so that the configuration holds no token in clear.
 */
final class Tokens {

    /** Tokens shorter than this are refused: they could be guessed. */
    static final int MINIMUM_LENGTH = 16;

    /** How a configured viewer token that is the digest of the token begins. */
    static final String DIGEST_PREFIX = "sha256:";

    private static final String BEARER = "bearer ";
    private static final Pattern DIGEST = Pattern.compile("(?i)" + DIGEST_PREFIX + "[0-9a-f]{64}");

    private final byte[] admin;
    private final List<byte[]> viewers;

    Tokens(String admin, List<String> viewers) {
        this.admin = digest(admin);
        this.viewers = new ArrayList<>();
        viewers.forEach(viewer -> this.viewers.add(isDigest(viewer)
                ? HexFormat.of().parseHex(viewer.substring(DIGEST_PREFIX.length())) : digest(viewer)));
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
        if (authorization == null || authorization.length() < BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Access.MISSING;
        }
        byte[] presented = digest(authorization.substring(BEARER.length()).strip());
        boolean isAdmin = MessageDigest.isEqual(admin, presented);
        boolean isViewer = false;
        for (byte[] viewer : viewers) {
            isViewer |= MessageDigest.isEqual(viewer, presented);
        }
        return isAdmin ? Access.ADMIN : isViewer ? Access.VIEWER : Access.WRONG;
    }

    static byte[] digest(String token) {
        return Sha256.digest().digest(token.getBytes(StandardCharsets.UTF_8));
    }
}
