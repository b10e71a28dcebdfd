package dev.plinth.rest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class ViewerTokensTest {

    private static final String TOKEN = "viewer-token-0123456789abcdef";
    private final List<String> warnings = new ArrayList<>();

    private List<ViewerTokens.ViewerToken> parse(String... configured) {
        return ViewerTokens.parse(configured, warnings::add, information -> { });
    }

    @Test
    void anEntryMayNameItsTokenOrItsDigest() {
        String hex = HexFormat.of().formatHex(Tokens.digest(TOKEN));
        List<ViewerTokens.ViewerToken> viewers = parse("ops=" + TOKEN, "ci.bot_2=sha256:" + hex);
        assertEquals(List.of("ops", "ci.bot_2"), viewers.stream().map(ViewerTokens.ViewerToken::name).toList());
        assertArrayEquals(Tokens.digest(TOKEN), viewers.get(0).digest());
        assertArrayEquals(Tokens.digest(TOKEN), viewers.get(1).digest());
        assertEquals(List.of(), warnings);
    }

    @Test
    void anEntryWithoutANameIsNamedByItsDigest() {
        String hex = HexFormat.of().formatHex(Tokens.digest(TOKEN));
        assertEquals("viewer-" + hex.substring(0, 8), parse(TOKEN).get(0).name());
        assertEquals("viewer-" + hex.substring(0, 8), parse("sha256:" + hex).get(0).name());
    }

    @Test
    void adminDuplicatesAndMalformedNamesAreIgnoredWithAWarningThatShowsNoToken() {
        List<ViewerTokens.ViewerToken> viewers = parse("admin=" + TOKEN, "ops=" + TOKEN + "1", "ops=" + TOKEN + "2",
                "Ops=" + TOKEN + "3", "short=abc", "bad=sha256:12");
        assertEquals(List.of("ops"), viewers.stream().map(ViewerTokens.ViewerToken::name).toList());
        assertArrayEquals(Tokens.digest(TOKEN + "1"), viewers.get(0).digest());
        assertEquals(5, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("named admin"), warnings.toString());
        assertTrue(warnings.get(1).contains("named ops as an earlier one"), warnings.toString());
        assertTrue(warnings.stream().noneMatch(warning -> warning.contains(TOKEN)), warnings.toString());
    }
}
