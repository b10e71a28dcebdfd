package dev.plinth.feature.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class FlattenerTest {

    private static final Feature CORE = FeatureReader.read("""
            { "feature-resource-version": "1.0", "id": "g:core:osgifeature:1",
              "bundles": [ { "id": "g:a:1", "start-order": 2, "karaf-feature": "scr" }, "g:b:1" ] }
            """, "core");

    private static final Feature REST = FeatureReader.read("""
            { "feature-resource-version": "1.0", "id": "g:rest:osgifeature:1", "description": "rest",
              "bundles": [ { "id": "g:c:1", "start-order": 5 } ],
              "extensions": { "dev.plinth.includes": { "kind": "mandatory", "type": "artifacts",
                "artifacts": [ { "id": "g:core:osgifeature:1" } ] } } }
            """, "rest");

    @Test
    void theIncludedBundlesComeFirstAndTheExtensionGoes() {
        assertEquals(List.of(ArtifactId.parse("g:core:osgifeature:1")), REST.includes());
        Feature complete = Flattener.flatten(REST, List.of(CORE));
        assertEquals(List.of("g:a:1", "g:b:1", "g:c:1"),
                complete.bundles().stream().map(bundle -> bundle.id().toString()).toList());
        assertEquals(OptionalInt.of(2), complete.bundles().get(0).startOrder());
        assertEquals("scr", complete.bundles().get(0).karafFeature().orElseThrow());
        assertTrue(complete.includes().isEmpty());
        assertFalse(complete.json().containsKey("extensions"));

        Feature reread = FeatureReader.read(FeatureWriter.text(complete), "written");
        assertEquals(complete.bundles(), reread.bundles());
        assertEquals("rest", reread.description().orElseThrow());
    }

    @Test
    void aBundleInTwoFeaturesIsRefused() {
        Feature twice = FeatureReader.read("""
                { "id": "g:twice:osgifeature:1", "bundles": [ "g:b:2" ] }
                """, "twice");
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> Flattener.flatten(twice, List.of(CORE)));
        assertTrue(refused.getMessage().contains("g:b:jar twice"), refused.getMessage());
    }

    @Test
    void referencesAreFilledInOrNamed() {
        assertEquals("g:a:2.2.14", Interpolation.apply("g:a:${v}", name -> name.equals("v") ? "2.2.14" : null));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Interpolation.apply("g:a:${nope}", name -> null));
        assertTrue(missing.getMessage().contains("${nope}"), missing.getMessage());
    }
}
