package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.api.catalog.PluginSet;
import dev.plinth.api.catalog.PluginSet.Member;

class PluginSetCodecTest {

    private final PluginSetCodec codec = new PluginSetCodec();

    private PluginException refused(String json) {
        PluginException e = assertThrows(PluginException.class, () -> codec.read(json));
        assertEquals(Code.INVALID_INPUT, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("invalid plugin set: "), e.getMessage());
        return e;
    }

    private static void assertMentions(PluginException e, String... words) {
        for (String word : words) {
            assertTrue(e.getMessage().contains(word), () -> "\"" + word + "\" not in: " + e.getMessage());
        }
    }

    @Test
    void writeThenReadGivesTheSameSet() throws Exception {
        PluginSet set = new PluginSet(List.of(new Member("org.example.a", "1.0.0", true, false),
                new Member("org.example.b", "2.1.0.rc1", false, true),
                new Member("org.example.c \"quoted\"", "3.0.0", false, false)));

        String json = codec.write(set);

        assertEquals(set, codec.read(json));
        assertTrue(json.contains(PluginSetCodec.FORMAT), json);
        assertTrue(json.endsWith("}\n"), json);
    }

    @Test
    void anEmptySetRoundTrips() throws Exception {
        assertEquals(new PluginSet(List.of()), codec.read(codec.write(new PluginSet(List.of()))));
    }

    @Test
    void flagsDefaultToEnabledAndUnpinnedAndMembersAreSortedById() throws Exception {
        PluginSet set = codec.read("""
                {"plugins": [{"id": "org.example.b", "version": "1.0"}, {"id": " org.example.a ", "version": "2.0.0"}]}
                """);

        assertEquals(List.of(new Member("org.example.a", "2.0.0", true, false),
                new Member("org.example.b", "1.0", true, false)), set.plugins());
    }

    @Test
    void refusesContentAfterTheObject() {
        assertMentions(refused("""
                {"plugins": [{"id": "org.example.a", "version": "1.0.0"}]}
                , {"id": "org.example.b", "version": "1.0.0"}]}
                """), "more follows the JSON object, at line 2");
        assertMentions(refused("{\"plugins\": []} {}"), "more follows the JSON object");
    }

    @Test
    void refusesDeepNestingAsInvalidInput() {
        assertMentions(refused("{\"plugins\": " + "[".repeat(3000) + "]".repeat(3000) + "}"), "not JSON",
                "nested");
    }

    @Test
    void refusesAnIdOfControlCharactersThatTrimsToNothing() {
        assertMentions(refused("{\"plugins\": [{\"id\": \"\\b\\u0001\", \"version\": \"1.0\"}]}"),
                "plugins[0] needs \"id\" as a non-empty string");
    }

    @Test
    void acceptsAByteOrderMarkAndTrailingBlanks() throws Exception {
        PluginSet set = codec.read("\uFEFF{\"plugins\": [{\"id\": \"org.example.a\", \"version\": \"1.0.0\"}]}\n\n  ");

        assertEquals(List.of(new Member("org.example.a", "1.0.0", true, false)), set.plugins());
    }

    @Test
    void refusesTextThatIsNotJson() {
        assertMentions(refused("plugins: [a, b]"), "not JSON");
        assertMentions(refused("{\"plugins\": ["), "not JSON");
        assertMentions(refused(""), "not JSON");
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        assertMentions(refused("[{\"id\": \"a\", \"version\": \"1.0.0\"}]"), "JSON object");
        assertMentions(refused("\"plugins\""), "JSON object");
    }

    @Test
    void refusesASetWithoutAPluginsArray() {
        assertMentions(refused("{}"), "\"plugins\" must be an array");
        assertMentions(refused("{\"plugins\": {\"id\": \"a\"}}"), "\"plugins\" must be an array");
    }

    @Test
    void refusesAMemberThatIsNotAnObject() {
        assertMentions(refused("{\"plugins\": [\"org.example.a\"]}"), "plugins[0]", "must be an object");
    }

    @Test
    void refusesAMissingOrBlankId() {
        assertMentions(refused("{\"plugins\": [{\"version\": \"1.0.0\"}]}"), "plugins[0]", "\"id\"");
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\"}, {\"id\": \"  \", "
                + "\"version\": \"1.0.0\"}]}"), "plugins[1]", "\"id\"");
        assertMentions(refused("{\"plugins\": [{\"id\": 7, \"version\": \"1.0.0\"}]}"), "plugins[0]", "\"id\"");
    }

    @Test
    void refusesAMissingOrBadVersion() {
        assertMentions(refused("{\"plugins\": [{\"id\": \"org.example.a\"}]}"), "org.example.a", "\"version\"");
        assertMentions(refused("{\"plugins\": [{\"id\": \"org.example.a\", \"version\": \"one\"}]}"),
                "org.example.a", "\"one\" is not a version");
        assertMentions(refused("{\"plugins\": [{\"id\": \"org.example.a\", \"version\": 1}]}"), "org.example.a",
                "\"version\"");
    }

    @Test
    void refusesAnIdListedTwice() {
        assertMentions(refused("{\"plugins\": [{\"id\": \"org.example.a\", \"version\": \"1.0.0\"}, "
                + "{\"id\": \"org.example.a \", \"version\": \"2.0.0\"}]}"), "org.example.a is listed twice");
    }

    @Test
    void refusesAnotherFormat() {
        assertMentions(refused("{\"format\": \"plinth-plugin-set/2\", \"plugins\": []}"), "plinth-plugin-set/2",
                PluginSetCodec.FORMAT);
        assertMentions(refused("{\"format\": 1, \"plugins\": []}"), "unknown format 1");
    }

    @Test
    void refusesAFlagThatIsNotABoolean() {
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\", \"enabled\": \"yes\"}]}"),
                "plugins[0]", "\"enabled\" must be true or false");
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\", \"pinned\": 1}]}"),
                "plugins[0]", "\"pinned\" must be true or false");
    }

    @Test
    void aSetOfAnEarlierVersionIsReadAndWrittenBackUnchanged() throws Exception {
        String earlier = """
                {
                    "format": "plinth-plugin-set/1",
                    "plugins": [
                        {
                            "id": "org.example.a",
                            "version": "1.0.0",
                            "enabled": true,
                            "pinned": false
                        },
                        {
                            "id": "org.example.b",
                            "version": "2.1.0.rc1",
                            "enabled": false,
                            "pinned": true
                        }
                    ]
                }
                """;

        PluginSet set = codec.read(earlier);

        assertEquals(List.of(new Member("org.example.a", "1.0.0", true, false),
                new Member("org.example.b", "2.1.0.rc1", false, true)), set.plugins());
        assertEquals(earlier, codec.write(set));
    }

    @Test
    void settingsAndSecretsRoundTripAndAValueMayBeOneString() throws Exception {
        Member member = new Member("org.example.a", "1.0.0", true, false,
                Map.of("org.example.a.mail", Map.of("host", List.of("mail.example.org"), "to", List.of("a", "b")),
                        "org.example.a.hook~ops", Map.of("url", List.of("$[env:HOOK_URL]"))),
                List.of("org.example.a.mail/password"));
        PluginSet set = new PluginSet(List.of(member));

        String json = codec.write(set);

        assertEquals(set, codec.read(json));
        assertTrue(json.contains("\"secrets\": [\n"), json);
        assertEquals(List.of("x"), codec.read("""
                {"plugins": [{"id": "a", "version": "1.0.0", "settings": {"p": {"k": "x"}}}]}
                """).plugins().get(0).settings().get("p").get("k"));
    }

    @Test
    void refusesSettingsAndSecretsOfTheWrongShape() {
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\", \"settings\": []}]}"),
                "plugins[0] (a)", "\"settings\" must be an object");
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\", \"settings\": {\"p\": 1}}]}"),
                "settings of p", "object of values by key");
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\", "
                + "\"settings\": {\"p\": {\"k\": [1]}}}]}"), "settings of p k", "string or a list of strings");
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\", \"secrets\": [\"nokey\"]}]}"),
                "\"pid/key\"");
        assertMentions(refused("{\"plugins\": [{\"id\": \"a\", \"version\": \"1.0.0\", \"secrets\": \"p/k\"}]}"),
                "\"pid/key\"");
    }
}
