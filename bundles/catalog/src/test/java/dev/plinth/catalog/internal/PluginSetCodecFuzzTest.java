package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.osgi.framework.Version;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.plinth.api.PluginException;
import dev.plinth.api.catalog.PluginSet;

/**
 * Fuzzes the plugin-set reader (a file given to {@code plugin:apply}, a body of {@code POST /api/catalog/apply}):
 * a text is either read into a set of distinct, non-empty, trimmed ids with valid versions, which writes back to
 * the same set, or refused as {@code INVALID_INPUT} with a message; trailing content, byte order marks and deep
 * nesting included. Seeds: {@code PluginSetCodecFuzzTestInputs/set}.
 */
class PluginSetCodecFuzzTest {

    private static final PluginSetCodec CODEC = new PluginSetCodec();

    @DictionaryEntries({"{", "}", "[", "]", "\"plugins\": ", "\"id\": ", "\"version\": ", "\"enabled\": ",
        "\"pinned\": ", "\"format\": ", "\"plinth-plugin-set/1\"", "true", "false", "null", "\\u", "\uFEFF",
        "1e999"})
    @FuzzTest(maxDuration = "3m")
    void set(byte[] bytes) throws Exception {
        String text = new String(bytes, StandardCharsets.UTF_8);
        PluginSet set;
        try {
            set = FuzzChecks.timed("reading " + bytes.length + " bytes", () -> CODEC.read(text));
        } catch (PluginException e) {
            assertEquals(PluginException.Code.INVALID_INPUT, e.code(), e.getMessage());
            assertTrue(e.getMessage().startsWith("invalid plugin set: "), e.getMessage());
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading a plugin set", e);
        }
        Set<String> ids = new HashSet<>();
        for (PluginSet.Member member : set.plugins()) {
            assertFalse(member.id().isEmpty());
            assertEquals(member.id().trim(), member.id());
            assertTrue(ids.add(member.id()), "listed twice: " + member.id());
            Version.parseVersion(member.version());
        }
        assertEquals(set, CODEC.read(CODEC.write(set)), "a set read writes back to itself");
    }
}
