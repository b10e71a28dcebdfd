package dev.plinth.feature.model;

import java.util.Optional;
import java.util.OptionalInt;

import jakarta.json.JsonObject;

/**
 * A bundle of a feature: its Maven id and the metadata Plinth reads from its entry.
 *
 * @param id the bundle's Maven id
 * @param startOrder the start level the Plinth launcher gives it ({@value Feature#START_ORDER}), where it matters
 * @param karafFeature the Karaf feature that does this bundle's job inside Karaf ({@value Feature#KARAF_FEATURE});
 *     such a bundle is left out of Karaf's {@code features.xml}
 * @param json the entry as written, every other metadata included
 */
public record FeatureBundle(ArtifactId id, OptionalInt startOrder, Optional<String> karafFeature, JsonObject json) {
}
