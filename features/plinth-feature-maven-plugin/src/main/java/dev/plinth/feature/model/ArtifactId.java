package dev.plinth.feature.model;

import java.util.Objects;

/**
 * A Maven artifact as the OSGi Feature specification writes it:
 * {@code groupId:artifactId[:type[:classifier]]:version}, the type {@code jar} when left out.
 */
public record ArtifactId(String groupId, String artifactId, String type, String classifier, String version) {

    public ArtifactId {
        require(groupId, "group id");
        require(artifactId, "artifact id");
        require(type, "type");
        require(version, "version");
        classifier = classifier == null || classifier.isEmpty() ? null : classifier;
    }

    /** Reads {@code g:a:v}, {@code g:a:type:v} or {@code g:a:type:classifier:v}. */
    public static ArtifactId parse(String text) {
        String[] parts = text.trim().split(":", -1);
        try {
            return switch (parts.length) {
                case 3 -> new ArtifactId(parts[0], parts[1], "jar", null, parts[2]);
                case 4 -> new ArtifactId(parts[0], parts[1], parts[2], null, parts[3]);
                case 5 -> new ArtifactId(parts[0], parts[1], parts[2], parts[3], parts[4]);
                default -> throw new IllegalArgumentException("expected group:artifact[:type[:classifier]]:version");
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a Maven id: " + e.getMessage(), e);
        }
    }

    /** Group, artifact, type and classifier: what two versions of the same artifact share. */
    public String withoutVersion() {
        return groupId + ":" + artifactId + ":" + type + (classifier == null ? "" : ":" + classifier);
    }

    /** The file name Maven gives the artifact: {@code artifactId-version[-classifier].type}. */
    public String fileName() {
        return artifactId + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + type;
    }

    /** The Pax URL Maven form Karaf reads: {@code mvn:group/artifact/version[/type[/classifier]]}. */
    public String mavenUrl() {
        StringBuilder url = new StringBuilder("mvn:").append(groupId).append('/').append(artifactId).append('/')
                .append(version);
        if (classifier != null) {
            url.append('/').append(type).append('/').append(classifier);
        } else if (!type.equals("jar")) {
            url.append('/').append(type);
        }
        return url.toString();
    }

    @Override
    public String toString() {
        StringBuilder id = new StringBuilder(groupId).append(':').append(artifactId);
        if (classifier != null) {
            id.append(':').append(type).append(':').append(classifier);
        } else if (!type.equals("jar")) {
            id.append(':').append(type);
        }
        return id.append(':').append(version).toString();
    }

    private static void require(String part, String what) {
        if (Objects.requireNonNull(part, what).isBlank() || part.contains(" ")) {
            throw new IllegalArgumentException("the " + what + " is empty or has a space");
        }
    }
}
