package dev.plinth.catalog.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationsTest {

    @TempDir
    Path home;

    private Locations locations() {
        return new Locations(home, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void anHttpFolderStandsForItsIndex() {
        assertEquals(URI.create("https://plugins.example.org/stable/index.xml"),
                locations().index("https://plugins.example.org/stable/"));
        assertEquals(URI.create("http://plugins.example.org/index.xml"),
                locations().index("http://plugins.example.org"));
        assertEquals(URI.create("http://plugins.example.org/index.xml"),
                locations().index("http://plugins.example.org/"));
    }

    @Test
    void anHttpIndexIsTakenAsItIs() {
        assertEquals(URI.create("https://plugins.example.org/stable/index.xml.gz"),
                locations().index("https://plugins.example.org/stable/index.xml.gz"));
    }

    @Test
    void aFolderOnDiskStandsForItsIndex() throws Exception {
        Files.createDirectories(home.resolve("catalog"));
        assertEquals(home.resolve("catalog/index.xml").toUri(), locations().index("catalog"));
    }
}
