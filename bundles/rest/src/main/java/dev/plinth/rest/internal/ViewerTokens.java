package dev.plinth.rest.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the configured {@code viewer.tokens}: each entry {@code name=token}, {@code name=sha256:<hex>}, or a token
 * alone, which is named {@code viewer-<first 8 hex digits of its sha-256>}. An entry that cannot be used (too short,
 * a malformed digest, a malformed name, the name {@code admin}, a name given twice) is ignored with a warning that
 * numbers it and never shows the token; it is never accepted under another name.
 */
final class ViewerTokens {

    /** The pattern of a token's name. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final Pattern NAMED = Pattern.compile("([a-z0-9][a-z0-9._-]{0,31})=(.*)", Pattern.DOTALL);
    private static final Pattern NAME_LIKE = Pattern.compile("[A-Za-z0-9._-]{1,40}=.*", Pattern.DOTALL);

    /**
     * A viewer token as configured.
     *
     * @param name its name
     * @param digest the sha-256 digest of the token
     */
    record ViewerToken(String name, byte[] digest) {
    }

    private ViewerTokens() {
    }

    /** The usable entries of {@code configured}, in order; {@code warn} hears why the others are ignored. */
    static List<ViewerToken> parse(String[] configured, Consumer<String> warn, Consumer<String> inform) {
        List<ViewerToken> viewers = new ArrayList<>();
        Set<String> names = new HashSet<>();
        String[] entries = configured == null ? new String[0] : configured;
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i] == null ? "" : entries[i].strip();
            String number = "viewer token number " + (i + 1);
            String name = null;
            Matcher named = NAMED.matcher(entry);
            if (named.matches()) {
                name = named.group(1);
                entry = named.group(2).strip();
            } else if (NAME_LIKE.matcher(entry).matches() && !Tokens.looksLikeDigest(entry)) {
                warn.accept(number + " has a name that is not a name (lower-case letters, digits, '.', '_' and '-', "
                        + "at most 32, beginning with a letter or digit) and is ignored");
                continue;
            }
            byte[] digest;
            if (Tokens.isDigest(entry)) {
                digest = HexFormat.of().parseHex(entry.substring(Tokens.DIGEST_PREFIX.length()));
            } else if (Tokens.looksLikeDigest(entry)) {
                warn.accept(number + " begins with " + Tokens.DIGEST_PREFIX + " but is not a sha-256 digest "
                        + "(64 hex digits) and is ignored");
                continue;
            } else if (entry.length() < Tokens.MINIMUM_LENGTH) {
                warn.accept(number + " is shorter than " + Tokens.MINIMUM_LENGTH + " characters and is ignored");
                continue;
            } else {
                inform.accept(number + " is configured in clear, and so is kept in the framework's configuration "
                        + "cache; configure its digest instead (sha256:<hex>, see docs/rest.md)");
                digest = Tokens.digest(entry);
            }
            if (name == null) {
                name = "viewer-" + HexFormat.of().formatHex(digest).substring(0, 8);
            }
            if (name.equals(Tokens.ADMIN)) {
                warn.accept(number + " is named admin, the admin token's name, and is ignored");
            } else if (!names.add(name)) {
                warn.accept(number + " is named " + name + " as an earlier one is, and is ignored");
            } else {
                viewers.add(new ViewerToken(name, digest));
            }
        }
        return viewers;
    }
}
