package dev.plinth.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageJarsTest {

    @TempDir
    Path dir;

    private record Jar(Attributes headers, List<String> entries) {
    }

    private static Jar read(Path jar) throws IOException {
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            assertNotNull(in.getManifest(), jar + " has no manifest first");
            List<String> entries = new ArrayList<>();
            for (JarEntry entry; (entry = in.getNextJarEntry()) != null;) {
                entries.add(entry.getName());
            }
            return new Jar(in.getManifest().getMainAttributes(), entries);
        }
    }

    private static List<String> migrations(Jar jar) {
        return jar.entries().stream().filter(name -> name.startsWith("db/migration/")).toList();
    }

    @Test
    void eachLaterVersionWithStorageAddsOneMigration() throws IOException {
        StorageJars.Variant storage = StorageJars.generate(dir, 3).get(0);

        assertEquals("bench.storage.upgraded", storage.upgraded());
        assertEquals(4, storage.upgradeVersions().size());
        for (int k = 0; k <= 3; k++) {
            Jar jar = read(storage.upgradeVersions().get(k));
            assertEquals("1." + k + ".0", jar.headers().getValue("Bundle-Version"));
            assertEquals("osgi.extender;filter:=\"(&(osgi.extender=plinth.storage)(version>=1.0)(!(version>=2.0)))\"",
                    jar.headers().getValue("Require-Capability"));
            assertEquals(k + 1, migrations(jar).size(), "migrations of 1." + k + ".0: " + migrations(jar));
        }
        assertTrue(migrations(read(storage.next(3))).contains("db/migration/V4__add_c3.sql"));
    }

    @Test
    void theVariantWithoutStorageHasNoRequirementNoMigrationsNoQuery() throws IOException {
        List<StorageJars.Variant> variants = StorageJars.generate(dir, 2);
        StorageJars.Variant plain = variants.get(1);

        for (Path version : plain.upgradeVersions()) {
            Jar jar = read(version);
            assertNull(jar.headers().getValue("Require-Capability"));
            assertEquals(List.of(), migrations(jar));
        }
        Jar enabled = read(plain.enabledJar());
        assertNull(enabled.headers().getValue("Require-Capability"));
        assertNull(enabled.headers().getValue("Bench-Query"));
        Jar withStorage = read(variants.get(0).enabledJar());
        assertEquals(StorageJars.QUERY, withStorage.headers().getValue("Bench-Query"));
        assertEquals(enabled.headers().getValue("Bundle-Activator"), withStorage.headers().getValue("Bundle-Activator"));
        assertTrue(enabled.entries().contains("dev/plinth/bench/storage/QueryActivator.class"));
    }
}
