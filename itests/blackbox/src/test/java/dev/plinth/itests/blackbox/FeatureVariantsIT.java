package dev.plinth.itests.blackbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.startlevel.BundleStartLevel;

import dev.plinth.framework.Plinth;
import dev.plinth.framework.Startup;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/**
 * Each variant of the runtime holds exactly the bundles of its feature (features/*), starts, and runs each boot
 * bundle at the start level its feature gives it ({@code start-order}; the launcher's boot level otherwise).
 */
class FeatureVariantsIT {

    private static final int BOOT_LEVEL = 10;

    @TempDir
    Path unpacked;

    @ParameterizedTest
    @CsvSource({ "plinth-core, core", "plinth-rest, rest", "plinth-all, " })
    void theVariantIsItsFeatureAndStarts(String feature, String variant) throws Exception {
        Path home = variant == null ? Distribution.unpack(unpacked) : Distribution.unpackVariant(variant, unpacked);
        Map<String, Integer> expected = startLevels(feature);
        assertEquals(expected.keySet(), systemJars(home), "system/ holds the bundles of " + feature);
        assertEquals(feature.equals("plinth-all"), expected.keySet().stream()
                .anyMatch(jar -> jar.startsWith("dev.plinth.catalog-")), "the catalogue comes with plinth-all only");

        try (Plinth plinth = Plinth.builder().home(home).property("gosh.args", "--nointeractive --noshutdown")
                .property("org.apache.felix.http.enable", "false").build()) {
            Startup startup = plinth.start();
            assertEquals(0, startup.failures().size(), startup.failures().toString());
            BundleContext context = plinth.bundleContext();
            Map<String, Integer> actual = new TreeMap<>();
            for (Bundle bundle : context.getBundles()) {
                if (bundle.getBundleId() != 0) {
                    assertEquals(Bundle.ACTIVE, bundle.getState(), bundle.getSymbolicName());
                    actual.put(bundle.getLocation().replaceFirst("^plinth:system/", ""),
                            bundle.adapt(BundleStartLevel.class).getStartLevel());
                }
            }
            assertEquals(expected, actual, "the start level of each bundle of " + feature);
        }
    }

    /** The feature's bundles as the file names system/ gives them, with their start levels. */
    private static Map<String, Integer> startLevels(String feature) throws IOException {
        Path file = Path.of(System.getProperty("plinth.features", "target/features")).resolve(feature + ".json");
        JsonObject json;
        try (Reader reader = Files.newBufferedReader(file); var parser = Json.createReader(reader)) {
            json = parser.readObject();
        }
        Map<String, Integer> levels = new TreeMap<>();
        for (JsonValue value : json.getJsonArray("bundles")) {
            JsonObject bundle = value.asJsonObject();
            String[] id = bundle.getString("id").split(":");
            levels.put(id[1] + "-" + id[id.length - 1] + ".jar", bundle.getInt("start-order", BOOT_LEVEL));
        }
        return levels;
    }

    private static Set<String> systemJars(Path home) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("system"))) {
            return files.map(path -> path.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
