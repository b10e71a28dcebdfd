package dev.plinth.feature.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * Makes a feature complete: the bundles of the features it includes first, then its own, and no
 * {@value Feature#INCLUDES} extension left. The result needs nothing but itself, as the specification's
 * features do.
 */
public final class Flattener {

    private Flattener() {
    }

    /**
     * @param feature the feature as written
     * @param included the complete features it includes, in the order it names them
     * @throws IllegalArgumentException when a bundle comes twice
     */
    public static Feature flatten(Feature feature, List<Feature> included) {
        Map<String, FeatureBundle> bundles = new LinkedHashMap<>();
        for (Feature include : included) {
            include.bundles().forEach(bundle -> add(bundles, bundle, feature, include.id()));
        }
        feature.bundles().forEach(bundle -> add(bundles, bundle, feature, feature.id()));
        List<FeatureBundle> all = new ArrayList<>(bundles.values());
        return new Feature(feature.id(), feature.description(), List.of(), all, json(feature.json(), all));
    }

    private static void add(Map<String, FeatureBundle> bundles, FeatureBundle bundle, Feature feature,
            ArtifactId from) {
        FeatureBundle earlier = bundles.putIfAbsent(bundle.id().withoutVersion(), bundle);
        if (earlier != null) {
            throw new IllegalArgumentException("feature " + feature.id() + " has " + bundle.id().withoutVersion()
                    + " twice (" + earlier.id().version() + ", and " + bundle.id().version() + " from " + from
                    + "): list a bundle in one feature only");
        }
    }

    private static JsonObject json(JsonObject source, List<FeatureBundle> bundles) {
        JsonObjectBuilder json = Json.createObjectBuilder();
        source.forEach((key, value) -> {
            if (key.equals("bundles")) {
                JsonArrayBuilder array = Json.createArrayBuilder();
                bundles.forEach(bundle -> array.add(bundle.json()));
                json.add(key, array);
            } else if (key.equals("extensions")) {
                JsonObjectBuilder extensions = Json.createObjectBuilder(value.asJsonObject());
                extensions.remove(Feature.INCLUDES);
                JsonObject rest = extensions.build();
                if (!rest.isEmpty()) {
                    json.add(key, rest);
                }
            } else {
                json.add(key, value);
            }
        });
        if (!source.containsKey("bundles")) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            bundles.forEach(bundle -> array.add(bundle.json()));
            json.add("bundles", array);
        }
        return json.build();
    }
}
