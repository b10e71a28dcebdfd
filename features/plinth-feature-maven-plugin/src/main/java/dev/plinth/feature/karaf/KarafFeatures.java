package dev.plinth.feature.karaf;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.plinth.feature.model.Feature;
import dev.plinth.feature.model.FeatureBundle;

/**
 * Writes Karaf's {@code features.xml} (schema 1.6.0) for complete features: one Karaf feature of the same name
 * for each. A bundle whose job Karaf already does ({@value Feature#KARAF_FEATURE}) becomes a reference to that
 * Karaf feature; every other bundle is installed from its Maven URL.
 */
public final class KarafFeatures {

    public static final String NAMESPACE = "http://karaf.apache.org/xmlns/features/v1.6.0";

    private KarafFeatures() {
    }

    public static String xml(String repositoryName, List<Feature> features) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- Generated from Plinth's Feature JSON (features/*/src/main/feature/feature.json). -->\n")
                .append("<features xmlns=\"").append(NAMESPACE).append("\" name=\"").append(escape(repositoryName))
                .append("\">\n");
        for (Feature feature : features) {
            feature(xml, feature);
        }
        return xml.append("</features>\n").toString();
    }

    private static void feature(StringBuilder xml, Feature feature) {
        xml.append("  <feature name=\"").append(escape(feature.name())).append("\" version=\"")
                .append(escape(osgiVersion(feature.id().version()))).append('"');
        feature.description().ifPresent(text -> xml.append(" description=\"").append(escape(text)).append('"'));
        xml.append(">\n");
        Set<String> karafFeatures = new LinkedHashSet<>();
        feature.bundles().forEach(bundle -> bundle.karafFeature().ifPresent(karafFeatures::add));
        for (String name : karafFeatures) {
            xml.append("    <feature>").append(escape(name)).append("</feature>\n");
        }
        for (FeatureBundle bundle : feature.bundles()) {
            if (bundle.karafFeature().isEmpty()) {
                xml.append("    <bundle>").append(escape(bundle.id().mavenUrl())).append("</bundle>\n");
            }
        }
        xml.append("  </feature>\n");
    }

    /** Karaf feature versions are OSGi versions: {@code 0.1.0-SNAPSHOT} becomes {@code 0.1.0.SNAPSHOT}. */
    static String osgiVersion(String mavenVersion) {
        String[] parts = mavenVersion.split("[-.]", 4);
        StringBuilder version = new StringBuilder();
        int numbers = 0;
        while (numbers < parts.length && numbers < 3 && parts[numbers].matches("\\d+")) {
            version.append(numbers == 0 ? "" : ".").append(parts[numbers]);
            numbers++;
        }
        if (numbers == 0) {
            return "0.0.0." + mavenVersion.replaceAll("[^A-Za-z0-9_-]", "_");
        }
        for (int i = numbers; i < 3; i++) {
            version.append(".0");
        }
        String qualifier = mavenVersion.substring(Math.min(mavenVersion.length(),
                String.join(".", List.of(parts).subList(0, numbers)).length()));
        qualifier = qualifier.replaceFirst("^[-.]", "").replaceAll("[^A-Za-z0-9_-]", "_");
        return qualifier.isEmpty() ? version.toString() : version + "." + qualifier;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
