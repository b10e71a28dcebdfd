package dev.plinth.feature.model;

import java.util.List;
import java.util.Optional;

import jakarta.json.JsonObject;

/**
 * A feature as the OSGi Feature Service specification (Compendium R8, chapter 159) describes it, with the parts
 * Plinth's build reads: its id, its bundles and the features it builds on.
 *
 * @param id the feature's Maven id
 * @param description the feature's description, if it has one
 * @param includes the features whose bundles come first, from the extension {@value #INCLUDES}
 * @param bundles the feature's own bundles, in the order written
 * @param json the feature as written
 */
public record Feature(ArtifactId id, Optional<String> description, List<ArtifactId> includes,
        List<FeatureBundle> bundles, JsonObject json) {

    /** The Maven type of a feature file. */
    public static final String TYPE = "osgifeature";

    /** Bundle metadata: the start level the Plinth launcher gives the bundle. */
    public static final String START_ORDER = "start-order";

    /** Bundle metadata: the Karaf feature that does the bundle's job inside Karaf. */
    public static final String KARAF_FEATURE = "karaf-feature";

    /** Extension (kind mandatory, type artifacts): the features this one builds on, by Maven id. */
    public static final String INCLUDES = "dev.plinth.includes";

    public Feature {
        includes = List.copyOf(includes);
        bundles = List.copyOf(bundles);
    }

    /** The feature's name: its artifact id ({@code plinth-core}). */
    public String name() {
        return id.artifactId();
    }
}
