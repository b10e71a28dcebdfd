package dev.plinth.catalog.internal;

import static dev.plinth.catalog.internal.TestIndexes.greeter;
import static dev.plinth.catalog.internal.TestIndexes.repository;
import static dev.plinth.catalog.internal.TestIndexes.text;
import static dev.plinth.catalog.internal.TestIndexes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import dev.plinth.api.plugin.Namespaces;
import dev.plinth.api.PluginException;

class IndexParserTest {

    private static final URI INDEX = URI.create("file:/srv/plinth/catalog/index.xml");

    @TempDir
    Path dir;

    private static List<IndexResource> parse(byte[] bytes, URI index) throws IOException {
        return IndexParser.parse(new ByteArrayInputStream(bytes), index);
    }

    private static List<IndexResource> parse(String xml) throws IOException {
        return parse(utf8(xml), INDEX);
    }

    private static IndexResource.Capability capability(IndexResource resource, String namespace) {
        return resource.capabilities().stream().filter(c -> c.namespace().equals(namespace)).findFirst()
                .orElseThrow();
    }

    @Test
    void readsIdentityContentAndLocationOfABndIndex() throws Exception {
        List<IndexResource> resources = parse(repository(greeter(), text()));

        assertEquals(List.of("org.example.greeter", "org.example.text"),
                resources.stream().map(IndexResource::id).toList());
        IndexResource greeter = resources.get(0);
        assertEquals(new Version(1, 2, 0), greeter.version());
        assertEquals("Says hello, and goodbye", greeter.description());
        assertEquals(INDEX.toString(), greeter.catalog());
        assertEquals(URI.create("file:/srv/plinth/catalog/plugins/org.example.greeter-1.2.0.jar"),
                greeter.location());
        assertEquals(TestIndexes.GREETER_SHA.toLowerCase(Locale.ROOT), greeter.sha256());
        assertEquals(2048, greeter.size());
        assertEquals("", resources.get(1).description());
        assertEquals(URI.create("file:/srv/plinth/catalog/libs/org.example.text-1.4.0.jar"),
                resources.get(1).location());
    }

    @Test
    void typesAttributesAsTheIndexSays() throws Exception {
        IndexResource greeter = parse(repository(greeter())).get(0);

        Map<String, Object> exported = capability(greeter, TestResources.PACKAGE).attributes();
        assertEquals("org.example.greeter.api", exported.get(TestResources.PACKAGE));
        assertEquals(new Version(1, 1, 0), exported.get("version"));
        assertEquals(Long.valueOf(2048), capability(greeter, "osgi.content").attributes().get("size"));
        assertEquals(List.of("hello", "bye"),
                capability(greeter, Namespaces.COMMAND).attributes().get("osgi.command.function"));
        assertEquals(List.of("greet:bye", "greet:hello"), greeter.commands());
    }

    @Test
    void keepsRequirementsWithTheirFiltersAndDirectives() throws Exception {
        IndexResource greeter = parse(repository(greeter())).get(0);

        List<IndexResource.Requirement> packages = greeter.requirements().stream()
                .filter(r -> r.namespace().equals(TestResources.PACKAGE)).toList();
        assertEquals(2, packages.size());
        assertEquals("(&(osgi.wiring.package=org.example.text)(version>=1.0.0)(!(version>=2.0.0)))",
                packages.get(0).filter());
        assertTrue(packages.get(0).mandatory());
        assertEquals("optional", packages.get(1).directives().get("resolution"));
        assertFalse(packages.get(1).mandatory());
        assertEquals(Optional.of("(&(version>=0.1.0)(!(version>=1.0.0)))"), greeter.runtimeFilter());
        assertEquals(4, greeter.requirements().size());
    }

    @Test
    void resolvesLocationsAgainstTheIndexAndKeepsAbsoluteOnes() throws Exception {
        String xml = repository(TestIndexes.library("a", "1.0.0", TestIndexes.TEXT_SHA, "../shared/a.jar"),
                TestIndexes.library("b", "1.0.0", TestIndexes.TEXT_SHA, "https://plugins.example.org/b.jar"),
                TestIndexes.library("c", "1.0.0", TestIndexes.TEXT_SHA, "c%201.jar"));

        List<IndexResource> resources = parse(utf8(xml), URI.create("https://example.org/repo/stable/index.xml"));

        assertEquals(URI.create("https://example.org/repo/shared/a.jar"), resources.get(0).location());
        assertEquals(URI.create("https://plugins.example.org/b.jar"), resources.get(1).location());
        assertEquals(URI.create("https://example.org/repo/stable/c%201.jar"), resources.get(2).location());
    }

    @Test
    void aBrokenGzipHeaderIsRefusedWithAMessage() {
        byte[] broken = {0x1f, (byte) 0x8b, 8, (byte) 0xfa, (byte) 0xdc, (byte) 0x89, 0x13, 0x6b, 0, (byte) 0xdd};

        IOException e = assertThrows(IOException.class, () -> parse(broken, INDEX));

        assertTrue(e.getMessage() != null && e.getMessage().contains("gzip"), String.valueOf(e.getMessage()));
    }

    /** Found by fuzzing: the JDK's XML parser fails with a MissingResourceException on this broken DTD. */
    @Test
    void anInputThatBreaksTheXmlParserIsRefusedAsNotAnIndex() throws Exception {
        byte[] broken = TestResources.class.getResourceAsStream("IndexParserFuzzTestInputs/index/"
                + "finding-xml-parser-internal-error.xml").readAllBytes();

        IOException e = assertThrows(IOException.class, () -> parse(broken, INDEX));

        assertTrue(e.getMessage().startsWith("not a repository index"), e.getMessage());
    }

    @Test
    void aGzippedIndexCutShortIsRefusedWithAMessage() {
        byte[] cut = {0x1f, (byte) 0x8b, 8, 0, (byte) 0x8b, 8, 0, (byte) 0xdd, (byte) 0x89, 0x69, 0x13, 0x69, 8, 2, 0};

        IOException e = assertThrows(IOException.class, () -> parse(cut, INDEX));

        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), String.valueOf(e.getMessage()));
    }

    @Test
    void readsAGzippedIndexTheSameAsThePlainOne() throws Exception {
        byte[] plain = utf8(repository(greeter(), text()));

        List<IndexResource> gzipped = parse(TestIndexes.gzip(plain), INDEX);

        assertEquals(2, gzipped.size());
        assertEquals(parse(plain, INDEX), gzipped);
    }

    @Test
    void skipsResourcesWithoutContentOrIdentityAndThoseThatAreNotBundles() throws Exception {
        String fragment = TestIndexes.library("org.example.fragment", "1.0.0", TestIndexes.TEXT_SHA, "f.jar")
                .replace("value=\"osgi.bundle\"", "value=\"osgi.fragment\"");
        assertTrue(fragment.contains("osgi.fragment"));

        List<IndexResource> resources = parse(repository(TestIndexes.withoutContent("org.example.nothing"), text(),
                TestIndexes.withoutIdentity(TestIndexes.GREETER_SHA), fragment));

        assertEquals(List.of("org.example.text"), resources.stream().map(IndexResource::id).toList());
    }

    @Test
    void skipsAResourceWhoseChecksumIsNotASha256() throws Exception {
        List<IndexResource> resources = parse(repository(
                TestIndexes.library("dots", "1.0.0", "../../../plugins/org.example.victim", "a.jar"),
                TestIndexes.library("short", "1.0.0", "abc123", "b.jar"),
                TestIndexes.library("long", "1.0.0", TestIndexes.TEXT_SHA + "0", "c.jar"),
                TestIndexes.library("nothex", "1.0.0", "g".repeat(64), "d.jar"),
                TestIndexes.library("slash", "1.0.0", "/" + TestIndexes.TEXT_SHA.substring(1), "e.jar"), text()));

        assertEquals(List.of("org.example.text"), resources.stream().map(IndexResource::id).toList());
    }

    @Test
    void aChecksumInTheIndexCannotMakeTheCacheDeleteAFileOutsideIt() throws Exception {
        Path victim = Files.writeString(Files.createDirectories(dir.resolve("plugins"))
                .resolve("org.example.victim.jar"), "an installed plugin");
        Path cacheFolder = Files.createDirectories(dir.resolve("data").resolve("catalog").resolve("cache"));
        Path catalog = Files.createDirectories(dir.resolve("catalog"));
        Files.write(catalog.resolve("evil.jar"), TestJars.bundle("org.example.evil", "1.0.0", "evil"));
        String xml = repository(TestIndexes.library("org.example.evil", "1.0.0",
                "../../../plugins/org.example.victim", "evil.jar"));
        ArtifactCache cache = new ArtifactCache(cacheFolder, new Locations(dir, Duration.ofSeconds(5), Duration.ofSeconds(5)), 1 << 20);

        for (IndexResource resource : parse(utf8(xml), catalog.resolve("index.xml").toUri())) {
            assertThrows(PluginException.class, () -> cache.fetch(resource));
        }

        assertEquals("an installed plugin", Files.readString(victim));
    }

    @Test
    void readsAnEmptyRepository() throws Exception {
        assertEquals(List.of(), parse(repository()));
    }

    @Test
    void refusesAnExternalEntityAndReadsNoFile() throws Exception {
        Path leaked = Files.writeString(dir.resolve("leaked.xml"),
                TestIndexes.library("org.example.leaked", "1.0.0", TestIndexes.TEXT_SHA, "leaked.jar"));
        String xml = """
                <?xml version="1.0"?>
                <!DOCTYPE repository [<!ENTITY xxe SYSTEM "%s">]>
                <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0">&xxe;</repository>
                """.formatted(leaked.toUri());

        IOException refused = assertThrows(IOException.class, () -> parse(xml));

        assertTrue(refused.getMessage().startsWith("not a repository index"), refused.getMessage());
        assertFalse(refused.getMessage().contains("org.example.leaked"), refused.getMessage());
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void refusesAnExternalEntityWithoutConnectingToItsHost() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String xml = """
                    <?xml version="1.0"?>
                    <!DOCTYPE repository [<!ENTITY xxe SYSTEM "http://127.0.0.1:%d/entity">]>
                    <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0">&xxe;</repository>
                    """.formatted(port);

            assertThrows(IOException.class, () -> parse(xml));

            assertNull(server.accept(), "the parser connected to the entity's host");
        }
    }

    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void neverFetchesAnExternalDtd() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            server.configureBlocking(false);
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String xml = """
                    <?xml version="1.0"?>
                    <!DOCTYPE repository SYSTEM "http://127.0.0.1:%d/repository.dtd">
                    <repository xmlns="http://www.osgi.org/xmlns/repository/v1.0.0"/>
                    """.formatted(port);

            try {
                parse(xml);
            } catch (IOException refused) {
                assertTrue(refused.getMessage().startsWith("not a repository index"), refused.getMessage());
            }

            assertNull(server.accept(), "the parser fetched the external DTD");
        }
    }

    @Test
    void refusesEntityExpansion() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE repository [" + entities + "]>"
                + "<repository xmlns=\"http://www.osgi.org/xmlns/repository/v1.0.0\">&lol9;</repository>";

        IOException refused = assertThrows(IOException.class, () -> parse(xml));

        assertTrue(refused.getMessage().startsWith("not a repository index"), refused.getMessage());
    }

    @Test
    void refusesAFileThatIsNotXml() {
        byte[] bytes = new byte[256];
        Arrays.fill(bytes, (byte) 0x50);
        bytes[0] = 'P';
        bytes[1] = 'K';
        bytes[2] = 3;
        bytes[3] = 4;

        assertThrows(IOException.class, () -> parse(bytes, INDEX));
        assertThrows(IOException.class, () -> parse("just some words, no markup"));
        assertThrows(IOException.class, () -> parse(new byte[0], INDEX));
    }

    @Test
    void refusesXmlThatIsNotAnIndex() {
        IOException foo = assertThrows(IOException.class, () -> parse("<foo/>"));
        IOException html = assertThrows(IOException.class,
                () -> parse("<html><body><resource/></body></html>"));

        assertTrue(foo.getMessage().contains("<foo>"), foo.getMessage());
        assertTrue(html.getMessage().startsWith("not a repository index"), html.getMessage());
    }

    @Test
    void refusesATruncatedIndex() {
        String xml = repository(greeter(), text());
        String truncated = xml.substring(0, xml.length() / 2);

        IOException refused = assertThrows(IOException.class, () -> parse(truncated));

        assertTrue(refused.getMessage().startsWith("not a repository index"), refused.getMessage());
    }

    @Test
    void refusesATruncatedGzippedIndex() throws Exception {
        byte[] gzipped = TestIndexes.gzip(utf8(repository(greeter(), text())));

        assertThrows(IOException.class, () -> parse(Arrays.copyOf(gzipped, gzipped.length / 2), INDEX));
    }

    @Test
    void skipsAResourceWithAnAttributeThatDoesNotHaveItsTypeAndKeepsTheOthers() throws Exception {
        String xml = repository(text().replace("value=\"512\"", "value=\"many\""),
                TestIndexes.library("org.example.good", "1.0.0", TestIndexes.TEXT_SHA, "good.jar"),
                TestIndexes.library("org.example.badversion", "one", TestIndexes.TEXT_SHA, "bad.jar"),
                TestIndexes.library("org.example.badurl", "1.0.0", TestIndexes.TEXT_SHA, "a b|c.jar"));

        assertEquals(List.of("org.example.good"), parse(xml).stream().map(IndexResource::id).toList());
    }

    @Test
    void anIndexServedOverHttpMayNotPointAtLocalFiles() throws Exception {
        String xml = repository(TestIndexes.library("org.example.local", "1.0.0", TestIndexes.TEXT_SHA,
                "file:/etc/passwd"), TestIndexes.library("org.example.served", "1.0.0", TestIndexes.TEXT_SHA, "s.jar"));

        List<IndexResource> resources = parse(utf8(xml), URI.create("https://example.org/index.xml"));

        assertEquals(List.of("org.example.served"), resources.stream().map(IndexResource::id).toList());
        assertEquals(2, parse(utf8(xml), INDEX).size(), "a local index may name local files");
    }

    @Test
    void aGzippedIndexIsLimitedOnceUncompressed() throws Exception {
        byte[] plain = utf8(repository(greeter(), text()));
        byte[] gzipped = TestIndexes.gzip(plain);

        IOException refused = assertThrows(IOException.class, () -> IndexParser.parse(
                new ByteArrayInputStream(gzipped), INDEX, plain.length - 1));

        assertTrue(refused.getMessage().contains("larger than " + (plain.length - 1) + " bytes"),
                refused.getMessage());
        assertEquals(2, IndexParser.parse(new ByteArrayInputStream(gzipped), INDEX, plain.length).size());
    }
}
