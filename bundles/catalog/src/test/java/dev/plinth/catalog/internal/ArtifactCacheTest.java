package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

import dev.plinth.api.PluginException;
import dev.plinth.api.PluginException.Code;

class ArtifactCacheTest {

    private static final long LIMIT = 1 << 20;

    @TempDir
    Path dir;

    private Path cacheFolder;
    private byte[] archive;
    private Path source;

    @BeforeEach
    void writeArchive() throws IOException {
        cacheFolder = dir.resolve("data").resolve("cache");
        archive = TestJars.bundle("org.example.text", "1.4.0", "the text library");
        source = Files.write(Files.createDirectories(dir.resolve("catalog")).resolve("text-1.4.0.jar"), archive);
    }

    private ArtifactCache cache(long maxBytes) {
        return new ArtifactCache(cacheFolder, new Locations(dir, Duration.ofSeconds(5), Duration.ofSeconds(5)), maxBytes);
    }

    private IndexResource resource(String sha256) {
        return new IndexResource("org.example.text", new Version(1, 4, 0), "", dir.resolve("catalog/index.xml")
                .toUri().toString(), source.toUri(), sha256, archive.length, List.of(), List.of());
    }

    private List<String> cached() throws IOException {
        if (!Files.exists(cacheFolder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cacheFolder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void fetchesAFileArchiveAndKeepsItUnderItsChecksum() throws Exception {
        String sha = TestJars.sha256(archive);

        Path fetched = cache(LIMIT).fetch(resource(sha));

        assertEquals(cacheFolder.resolve(sha + ".jar"), fetched);
        assertArrayEquals(archive, Files.readAllBytes(fetched));
        assertEquals(List.of(sha + ".jar"), cached());
    }

    @Test
    void aCachedArchiveIsUsedWithoutFetchingAgain() throws Exception {
        String sha = TestJars.sha256(archive);
        ArtifactCache cache = cache(LIMIT);
        cache.fetch(resource(sha));
        Files.delete(source);

        Path again = cache.fetch(resource(sha));

        assertArrayEquals(archive, Files.readAllBytes(again));
    }

    @Test
    void aMismatchIsRefusedAndLeavesNothingInTheCache() throws Exception {
        String expected = "ab".repeat(32);

        PluginException e = assertThrows(PluginException.class, () -> cache(LIMIT).fetch(resource(expected)));

        assertEquals(Code.CHECKSUM_MISMATCH, e.code());
        assertTrue(e.getMessage().contains(TestJars.sha256(archive)), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("org.example.text 1.4.0"), e.getMessage());
        assertEquals(List.of(), cached());
    }

    @Test
    void aTamperedCachedArchiveIsFetchedAgain() throws Exception {
        String sha = TestJars.sha256(archive);
        ArtifactCache cache = cache(LIMIT);
        Path fetched = cache.fetch(resource(sha));
        Files.writeString(fetched, "tampered");

        Path again = cache.fetch(resource(sha));

        assertArrayEquals(archive, Files.readAllBytes(again));
        assertEquals(List.of(sha + ".jar"), cached());
    }

    @Test
    void aTamperedCachedArchiveIsNotUsedWhenItCannotBeFetchedAgain() throws Exception {
        String sha = TestJars.sha256(archive);
        ArtifactCache cache = cache(LIMIT);
        Files.writeString(cache.fetch(resource(sha)), "tampered");
        Files.delete(source);

        PluginException e = assertThrows(PluginException.class, () -> cache.fetch(resource(sha)));

        assertEquals(Code.IO_ERROR, e.code());
        assertEquals(List.of(), cached());
    }

    @Test
    void anArchiveAboveTheLimitFailsAndLeavesNothing() throws Exception {
        String sha = TestJars.sha256(archive);

        PluginException e = assertThrows(PluginException.class,
                () -> cache(archive.length - 1).fetch(resource(sha)));

        assertEquals(Code.IO_ERROR, e.code());
        assertTrue(e.getMessage().contains("larger than " + (archive.length - 1) + " bytes"), e.getMessage());
        assertEquals(List.of(), cached());
    }

    @Test
    void anArchiveOfExactlyTheLimitIsTaken() throws Exception {
        String sha = TestJars.sha256(archive);

        assertArrayEquals(archive, Files.readAllBytes(cache(archive.length).fetch(resource(sha))));
    }

    @Test
    void aMissingArchiveIsAnIoError() throws Exception {
        Files.delete(source);

        PluginException e = assertThrows(PluginException.class,
                () -> cache(LIMIT).fetch(resource(TestJars.sha256(archive))));

        assertEquals(Code.IO_ERROR, e.code());
        assertTrue(e.getMessage().contains(source.toUri().toString()), e.getMessage());
        assertEquals(List.of(), cached());
    }

    @Test
    void anArchiveHoldingAnotherBundleThanItsEntryNamesIsRefused() throws Exception {
        byte[] other = TestJars.bundle("org.example.other", "1.4.0", "not the text library");
        Files.write(source, other);
        String sha = TestJars.sha256(other);

        PluginException e = assertThrows(PluginException.class, () -> cache(LIMIT).fetch(resource(sha)));

        assertEquals(Code.INVALID_ARCHIVE, e.code());
        assertTrue(e.getMessage().startsWith("the archive of org.example.text 1.4.0 from "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" holds org.example.other 1.4.0, not what its index entry names; "
                + "nothing was installed"), e.getMessage());
    }

    @Test
    void anArchiveHoldingAnotherVersionThanItsEntryNamesIsRefused() throws Exception {
        byte[] other = TestJars.bundle("org.example.text", "9.0.0", "a later text library");
        Files.write(source, other);
        String sha = TestJars.sha256(other);

        PluginException e = assertThrows(PluginException.class, () -> cache(LIMIT).fetch(resource(sha)));

        assertTrue(e.getMessage().contains(" holds org.example.text 9.0.0, not what its index entry names"),
                e.getMessage());
    }
}
