package dev.plinth.manager.internal;

import static dev.plinth.manager.internal.TestJars.attributes;
import static dev.plinth.manager.internal.TestJars.bundle;
import static dev.plinth.manager.internal.TestJars.bundleAttributes;
import static dev.plinth.manager.internal.TestJars.jar;
import static dev.plinth.manager.internal.TestJars.zip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;
import dev.plinth.common.testing.BundleJar;

class ArchiveReaderTest {

    @TempDir
    Path dir;

    private Path temp() {
        return dir.resolve("tmp");
    }

    private ArchiveReader reader() {
        return new ArchiveReader(temp(), 1 << 20);
    }

    private Path source(String name) {
        return dir.resolve("src").resolve(name);
    }

    private List<Path> tempFiles() throws IOException {
        if (!Files.exists(temp())) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(temp())) {
            return files.toList();
        }
    }

    private PluginException refused(ArchiveReader reader, URI uri, Code code) throws IOException {
        PluginException e = assertThrows(PluginException.class, () -> reader.read(uri));
        assertEquals(code, e.code(), e.getMessage());
        assertEquals(List.of(), tempFiles(), "a refused archive leaves no temporary file");
        return e;
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    @Test
    void aSymbolicNameOutsideTheOsgiGrammarIsRefusedWithTheRule() throws Exception {
        for (String id : PluginIdsTest.PATH_LIKE) {
            if (id.isBlank()) {
                continue;
            }
            Path jar = jar(source("odd.jar"), bundleAttributes(id, "1.0.0"), "content/odd.txt");
            PluginException e = refused(reader(), jar.toUri(), Code.INVALID_ARCHIVE);
            assertTrue(e.getMessage().contains("has an invalid Bundle-SymbolicName '"), e.getMessage());
            assertTrue(e.getMessage().contains("symbolic-name ::= token('.'token)*, token ::= (alphanum|'_'|'-')+"),
                    e.getMessage());
        }
    }

    @Test
    void anEntryThatInflatesFarBeyondItsSizeIsRefusedAsACompressionBomb() throws Exception {
        Path jar = BundleJar.bundle("org.example.bomb", "1.0.0").entry("zeros.bin", BundleJar.zeros(32L << 20))
                .writeTo(source("bomb.jar"));

        PluginException e = refused(new ArchiveReader(temp(), 1 << 24), jar.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("zeros.bin") && e.getMessage().contains("compression bomb"),
                e.getMessage());
    }

    @Test
    void validBundleIsCopiedToTheTempFolderAndDescribed() throws Exception {
        Path jar = bundle(source("app.jar"), "org.example.app", "1.2.3.qualifier",
                "Export-Package", "org.example.app.api;version=1.0");

        Archive archive = reader().read(jar.toUri());

        assertEquals("org.example.app", archive.id());
        assertEquals(new Version(1, 2, 3, "qualifier"), archive.version());
        assertEquals(sha256(jar), archive.sha256());
        assertEquals(64, archive.sha256().length());
        assertEquals(jar.toUri().toString(), archive.source());
        assertTrue(archive.temporary());
        assertEquals(temp(), archive.file().getParent());
        assertNotEquals(jar, archive.file());
        assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(archive.file()));
        assertEquals(List.of(archive.file()), tempFiles());
        assertEquals("org.example.app.api", archive.capabilities().get(1).attributes().get("osgi.wiring.package"));

        archive.discard();
        assertFalse(Files.exists(archive.file()));
        assertTrue(Files.exists(jar), "the source is left alone");
    }

    @Test
    void missingFileIsNotFound() throws Exception {
        Path missing = source("missing.jar");

        PluginException e = refused(reader(), missing.toUri(), Code.NOT_FOUND);

        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void plainTextFileIsInvalid() throws Exception {
        Path text = source("notes.jar");
        Files.createDirectories(text.getParent());
        Files.writeString(text, "these are notes, not a jar\n");

        refused(reader(), text.toUri(), Code.INVALID_ARCHIVE);
    }

    @Test
    void zipWithoutManifestIsInvalid() throws Exception {
        Path zip = zip(source("nomanifest.jar"), "org/example/Thing.class");

        PluginException e = refused(reader(), zip.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("MANIFEST.MF"), e.getMessage());
    }

    @Test
    void jarWithoutSymbolicNameIsAPlainJar() throws Exception {
        Path plain = jar(source("plain.jar"), attributes("Bundle-Version", "1.0.0", "Main-Class", "org.example.Main"),
                "org/example/Main.class");

        PluginException e = refused(reader(), plain.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("plain jar"), e.getMessage());
    }

    @Test
    void bundleManifestVersionMustBeTwo() throws Exception {
        Path old = jar(source("old.jar"), attributes("Bundle-SymbolicName", "org.example.old", "Bundle-Version", "1.0"));

        PluginException e = refused(reader(), old.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("Bundle-ManifestVersion"), e.getMessage());
    }

    @Test
    void invalidBundleVersionIsInvalid() throws Exception {
        Path bad = jar(source("bad.jar"), bundleAttributes("org.example.bad", "one.two"));

        PluginException e = refused(reader(), bad.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("Bundle-Version"), e.getMessage());
        assertTrue(e.getMessage().contains("one.two"), e.getMessage());
    }

    @Test
    void invalidImportRangeIsInvalid() throws Exception {
        Path bad = jar(source("badrange.jar"), bundleAttributes("org.example.bad", "1.0.0",
                "Import-Package", "org.example.api;version=\"[2,1\""));

        PluginException e = refused(reader(), bad.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("invalid manifest header"), e.getMessage());
    }

    @Test
    void requirementWithAMalformedFilterIsInvalid() throws Exception {
        Path bad = jar(source("badfilter.jar"), bundleAttributes("org.example.bad", "1.0.0",
                "Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)\""));

        PluginException e = refused(reader(), bad.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("invalid manifest header"), e.getMessage());
        assertTrue(e.getMessage().contains("(&(osgi.ee=JavaSE)"), e.getMessage());
    }

    @Test
    void importOfAPackageNameThatBreaksItsFilterIsInvalid() throws Exception {
        Path bad = jar(source("badname.jar"), bundleAttributes("org.example.bad", "1.0.0",
                "Import-Package", "org.example)(x"));

        PluginException e = refused(reader(), bad.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("invalid manifest header"), e.getMessage());
    }

    @Test
    void entryEscapingTheArchiveIsInvalid() throws Exception {
        Path evil = jar(source("evil.jar"), bundleAttributes("org.example.evil", "1.0.0"), "../evil");

        PluginException e = refused(reader(), evil.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("../evil"), e.getMessage());
    }

    @Test
    void absoluteEntryIsInvalid() throws Exception {
        Path evil = jar(source("absolute.jar"), bundleAttributes("org.example.evil", "1.0.0"), "/etc/evil");

        refused(reader(), evil.toUri(), Code.INVALID_ARCHIVE);
    }

    @Test
    void archiveLargerThanTheLimitIsInvalid() throws Exception {
        Path jar = bundle(source("app.jar"), "org.example.app", "1.0.0");
        long size = Files.size(jar);

        PluginException e = refused(new ArchiveReader(temp(), size - 1), jar.toUri(), Code.INVALID_ARCHIVE);

        assertTrue(e.getMessage().contains("larger than the limit of " + (size - 1)), e.getMessage());
    }

    @Test
    void archiveOfExactlyTheLimitIsAccepted() throws Exception {
        Path jar = bundle(source("app.jar"), "org.example.app", "1.0.0");

        Archive archive = new ArchiveReader(temp(), Files.size(jar)).read(jar.toUri());

        assertEquals("org.example.app", archive.id());
    }

    @Test
    void tempFolderIsCreatedWhenMissing() throws Exception {
        Path jar = bundle(source("app.jar"), "org.example.app", "1.0.0");
        Path nested = dir.resolve("a").resolve("b");

        Archive archive = new ArchiveReader(nested, 1 << 20).read(jar.toUri());

        assertEquals(nested, archive.file().getParent());
    }

    @Test
    void storedArchiveIsReadInPlaceAndNeverDiscarded() throws Exception {
        Path stored = bundle(dir.resolve("artifacts").resolve("x.jar"), "org.example.app", "2.0.0");

        Archive archive = reader().readStored(stored, "file:/somewhere/app.jar");

        assertEquals(stored, archive.file());
        assertFalse(archive.temporary());
        assertEquals(sha256(stored), archive.sha256());
        assertEquals(new Version(2, 0, 0), archive.version());
        assertEquals("file:/somewhere/app.jar", archive.source());
        archive.discard();
        assertTrue(Files.exists(stored));
        assertEquals(List.of(), tempFiles());
    }
}
