package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.plinth.common.testing.FuzzChecks;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.Attributes;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes the manifest header grammar and the capabilities and requirements built from it: parsing any text ends,
 * in time, with at most one clause per character and names without separators; building capabilities and
 * requirements either succeeds or is refused with an {@link IllegalArgumentException} (which the archive check
 * reports as {@code INVALID_ARCHIVE}; {@link ArchiveReaderFuzzTest} checks that accepted filters parse). Seeds: {@code HeaderParserFuzzTestInputs/header} (a header's text).
 */
class HeaderParserFuzzTest {

    private static final String[] REQUIRING = {"Import-Package", "Require-Bundle", "Require-Capability"};
    private static final String[] PROVIDING = {"Export-Package", "Provide-Capability"};

    @DictionaryEntries({"Bundle-SymbolicName: ", "Bundle-Version: ", "Bundle-ManifestVersion: 2",
        "Import-Package: ", "Export-Package: ", "Require-Bundle: ", "Require-Capability: ", "Provide-Capability: ",
        ";version=", ";bundle-version=", ":Version=", ":Long=", ":Double=", ":List<String>=", ":List<Version>=",
        ";resolution:=optional", ";effective:=active", ";filter:=", "(&(", ")(", "[1,2)", "\"", ":=", ","})
    @FuzzTest(maxDuration = "3m")
    void header(byte[] bytes) throws Exception {
        String header = new String(bytes, StandardCharsets.UTF_8);
        List<HeaderParser.Clause> clauses = FuzzChecks.timed("parsing " + header.length() + " characters",
                () -> HeaderParser.parse(header));
        assertTrue(clauses.size() <= header.length() + 1, "more clauses than characters");
        for (HeaderParser.Clause clause : clauses) {
            assertNotNull(clause.names());
            clause.names().forEach(name -> assertTrue(!name.isEmpty() && name.indexOf(',') < 0
                    && name.indexOf(';') < 0, "a name with a separator: '" + name + "'"));
        }
        for (String name : REQUIRING) {
            requirements(TestJars.bundleAttributes("fuzz.target", "1.0.0", name, header));
        }
        for (String name : PROVIDING) {
            capabilities(TestJars.bundleAttributes("fuzz.target", "1.0.0", name, header));
        }
        try {
            Capabilities.symbolicName(TestJars.bundleAttributes(header, "1.0.0"));
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("reading a symbolic name", e);
        }
    }

    private static void requirements(Attributes manifest) throws Exception {
        try {
            FuzzChecks.timed("requirements", () -> Capabilities.requirementsOf(manifest));
        } catch (IllegalArgumentException refused) {
            // refused as INVALID_ARCHIVE
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("building requirements", e);
        }
    }

    private static void capabilities(Attributes manifest) throws Exception {
        try {
            FuzzChecks.timed("capabilities", () -> Capabilities.of(manifest));
        } catch (IllegalArgumentException refused) {
            // refused as INVALID_ARCHIVE
        } catch (RuntimeException | Error e) {
            throw FuzzChecks.unexpected("building capabilities", e);
        }
    }
}
