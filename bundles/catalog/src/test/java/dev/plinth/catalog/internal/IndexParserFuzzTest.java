package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the repository index reader with plain and gzipped bytes (XML structure, DTDs, entities, typed
 * attributes, locations): an index is either read into resources that each have an id, a version, a lower-case
 * SHA-256 and an archive served over HTTP (the index is), or refused with an {@link IOException} that says why;
 * no entity brings in text from outside the input (no file of this machine, no expansion), and the uncompressed
 * size stays under its limit. Seeds: {@code IndexParserFuzzTestInputs/index}.
 */
class IndexParserFuzzTest {

    private static final URI CATALOG = URI.create("https://repo.example/plugins/index.xml");
    private static final long LIMIT = 1 << 20;
    private static final Pattern SHA_256 = Pattern.compile("[0-9a-f]{64}");
    /** Text of this machine's files that XXE seeds point at; it must never show up unless the input has it. */
    private static final List<String> OUTSIDE = List.of("root:", "daemon:", "localhost");

    @DictionaryEntries({"<repository>", "</repository>", "<resource>", "</resource>", "<capability namespace=\"",
        "</capability>", "<requirement namespace=\"", "<attribute name=\"", "<directive name=\"", " value=\"",
        " type=\"Version\"", " type=\"Long\"", " type=\"List<Version>\"", "osgi.identity", "osgi.content",
        "osgi.bundle", "url", "size", "filter", "<!DOCTYPE r [", "<!ENTITY e SYSTEM \"file:///etc/passwd\">",
        "&e;", "<![CDATA[", "&#x"})
    @FuzzTest(maxDuration = "3m")
    void index(byte[] bytes) throws Exception {
        List<IndexResource> resources;
        try {
            resources = FuzzChecks.timed("reading " + bytes.length + " bytes",
                    () -> IndexParser.parse(new ByteArrayInputStream(bytes), CATALOG, LIMIT));
        } catch (IOException e) {
            assertNotNull(e.getMessage(), "a refusal says why");
            assertFalse(e.getMessage().isBlank());
            return;
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading an index", e);
        }
        String input = new String(bytes, StandardCharsets.ISO_8859_1);
        for (IndexResource resource : resources) {
            assertNotNull(resource.id());
            assertNotNull(resource.version());
            assertTrue(SHA_256.matcher(resource.sha256()).matches(), resource.sha256());
            String scheme = resource.location().getScheme();
            assertTrue("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme),
                    "an index served over HTTP points at " + resource.location());
            String text = resource.id() + " " + resource.description() + " " + resource.location();
            for (String outside : OUTSIDE) {
                assertFalse(text.contains(outside) && !input.contains(outside) && !gzipped(bytes),
                        "text from outside the index: " + text);
            }
        }
    }

    private static boolean gzipped(byte[] bytes) {
        return bytes.length > 1 && bytes[0] == 0x1f && bytes[1] == (byte) 0x8b;
    }
}
