package dev.plinth.sample.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** The bundle bnd made (its manifest and entries in the build's output): a plugin that asks for storage. */
class SampleBundleTest {

    private static final Path CLASSES = Path.of("target", "classes");

    @Test
    void theManifestRequiresThePlinthStorageExtender() throws IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("META-INF/MANIFEST.MF"))) {
            manifest = new Manifest(in);
        }
        assertEquals("dev.plinth.sample.storage", manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
        assertEquals("2.0.0", manifest.getMainAttributes().getValue("Bundle-Version"));
        String required = manifest.getMainAttributes().getValue("Require-Capability");
        assertTrue(required.contains("osgi.extender=plinth.storage") && required.contains("version>=1.0"),
                required);
    }

    @Test
    void theMigrationsAreInDbMigration() throws IOException {
        try (Stream<Path> files = Files.list(CLASSES.resolve("db/migration"))) {
            assertEquals(List.of("V1__create_notes.sql", "V2__split_author.sql", "V3__Normalise_titles.class"), files.map(file -> file.getFileName().toString()).sorted()
                    .toList());
        }
    }
}
