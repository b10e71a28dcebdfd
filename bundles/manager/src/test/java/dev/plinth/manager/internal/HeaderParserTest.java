package dev.plinth.manager.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;

import dev.plinth.manager.internal.HeaderParser.Clause;

class HeaderParserTest {

    @Test
    void nullEmptyAndBlankHeadersHaveNoClauses() {
        assertEquals(List.of(), HeaderParser.parse(null));
        assertEquals(List.of(), HeaderParser.parse(""));
        assertEquals(List.of(), HeaderParser.parse("  \t "));
    }

    @Test
    void plainName() {
        List<Clause> clauses = HeaderParser.parse("org.example.api");

        assertEquals(List.of(new Clause(List.of("org.example.api"), Map.of(), Map.of())), clauses);
    }

    @Test
    @org.junit.jupiter.api.Timeout(10)
    void aColonThatStartsNoDirectiveOrTypedAttributeStaysInTheName() {
        assertEquals(List.of(new Clause(List.of("a:b"), Map.of(), Map.of())), HeaderParser.parse("a:b"));
        assertEquals(List.of(new Clause(List.of("C:\\x"), Map.of(), Map.of("singleton", "true"))),
                HeaderParser.parse("C:\\x;singleton:=true"));
        assertEquals(List.of("a:", ":b"), HeaderParser.parse("a: , :b").stream()
                .map(clause -> clause.names().get(0)).toList());
    }

    @Test
    void severalClauses() {
        List<Clause> clauses = HeaderParser.parse("org.example.a,org.example.b, org.example.c");

        assertEquals(3, clauses.size());
        assertEquals(List.of("org.example.a"), clauses.get(0).names());
        assertEquals(List.of("org.example.b"), clauses.get(1).names());
        assertEquals(List.of("org.example.c"), clauses.get(2).names());
    }

    @Test
    void trailingCommaAddsNoClause() {
        assertEquals(1, HeaderParser.parse("org.example.a,").size());
    }

    @Test
    void severalNamesInOneClauseShareItsParameters() {
        List<Clause> clauses = HeaderParser.parse("org.example.a;org.example.b;version=1.0;x:=y");

        assertEquals(1, clauses.size());
        assertEquals(List.of("org.example.a", "org.example.b"), clauses.get(0).names());
        assertEquals(Map.of("version", "1.0"), clauses.get(0).attributes());
        assertEquals(Map.of("x", "y"), clauses.get(0).directives());
    }

    @Test
    void attributesQuotedAndUnquoted() {
        Clause clause = HeaderParser.parse("org.example.a;version=\"[1.2,2)\";vendor=acme").get(0);

        assertEquals(List.of("org.example.a"), clause.names());
        assertEquals(Map.of("version", "[1.2,2)", "vendor", "acme"), clause.attributes());
        assertTrue(clause.directives().isEmpty());
    }

    @Test
    void typedAttributesKeepTheirTypeInTheKey() {
        Clause clause = HeaderParser.parse(
                "custom.ns;version:Version=1.2;tags:List<String>=\"a,b\";size:Long=5").get(0);

        assertEquals(List.of("custom.ns"), clause.names());
        assertEquals(Map.of("version:Version", "1.2", "tags:List<String>", "a,b", "size:Long", "5"),
                clause.attributes());
        assertTrue(clause.directives().isEmpty());
    }

    @Test
    void directivesAreKeptApartFromAttributes() {
        Clause clause = HeaderParser.parse(
                "osgi.extender;resolution:=optional;filter:=\"(&(a=b)(c>=1))\";version=2").get(0);

        assertEquals(List.of("osgi.extender"), clause.names());
        assertEquals(Map.of("resolution", "optional", "filter", "(&(a=b)(c>=1))"), clause.directives());
        assertEquals(Map.of("version", "2"), clause.attributes());
    }

    @Test
    void quotedValuesMayContainCommasAndSemicolons() {
        List<Clause> clauses = HeaderParser.parse(
                "org.example.a;note=\"one, two; three\";uses:=\"org.example.b,org.example.c\",org.example.d");

        assertEquals(2, clauses.size());
        assertEquals(List.of("org.example.a"), clauses.get(0).names());
        assertEquals(Map.of("note", "one, two; three"), clauses.get(0).attributes());
        assertEquals(Map.of("uses", "org.example.b,org.example.c"), clauses.get(0).directives());
        assertEquals(List.of("org.example.d"), clauses.get(1).names());
    }

    @Test
    void backslashEscapesAQuoteInsideAQuotedValue() {
        Clause clause = HeaderParser.parse("p;note=\"say \\\"hi\\\"\"").get(0);

        assertEquals("say \"hi\"", clause.attributes().get("note"));
    }

    @Test
    void whitespaceAroundNamesSeparatorsAndValuesIsIgnored() {
        List<Clause> clauses = HeaderParser.parse(
                "  org.example.a ; version = \"1.0\" ; resolution := optional ,   org.example.b  ");

        assertEquals(2, clauses.size());
        assertEquals(List.of("org.example.a"), clauses.get(0).names());
        assertEquals(Map.of("version", "1.0"), clauses.get(0).attributes());
        assertEquals(Map.of("resolution", "optional"), clauses.get(0).directives());
        assertEquals(List.of("org.example.b"), clauses.get(1).names());
    }

    @Test
    void headerWithContinuationLinesJoinedByTheManifestReader() throws IOException {
        String text = "Manifest-Version: 1.0\r\n"
                + "Import-Package: org.example.one;version=\"[1.\r\n"
                + " 2,2)\",org.exa\r\n"
                + " mple.two;resolution:=optional\r\n"
                + "\r\n";
        Manifest manifest = new Manifest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));

        List<Clause> clauses = HeaderParser.parse(manifest.getMainAttributes().getValue("Import-Package"));

        assertEquals(List.of(
                new Clause(List.of("org.example.one"), Map.of("version", "[1.2,2)"), Map.of()),
                new Clause(List.of("org.example.two"), Map.of(), Map.of("resolution", "optional"))), clauses);
    }

    /**
     * A manifest may hold a header of up to 1 MiB (the manifest's limit); parsing it must stay linear. Quadratic work
     * on this header is some 10^10 steps (minutes); linear work takes well under a second, so the generous bound
     * tells them apart even on a loaded machine.
     */
    @Test
    void aLongHeaderOfColonsWithoutEqualsParsesInLinearTime() {
        String header = "a:b;".repeat(256 * 1024);

        List<Clause> clauses = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> HeaderParser.parse(header));

        assertEquals(256 * 1024, clauses.get(0).names().size());
    }
}
