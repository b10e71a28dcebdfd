package dev.plinth.common.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * A plugin project generated from Plinth's archetype ({@code dev.plinth:plinth-plugin-archetype}) with
 * {@code mvn archetype:generate}, offline, as docs/authoring.md tells an author to. For tests and the benchmark
 * harness only (see the package).
 */
public final class ArchetypeProject {

    /**
     * The system property naming the version of maven-archetype-plugin to generate with: the build's own, named in
     * full, since an offline Maven cannot look a plugin's prefix up unless it has looked it up online before.
     */
    public static final String ARCHETYPE_PLUGIN_PROPERTY = "plinth.test.archetype.plugin";

    private final Path folder;
    private final MavenCommand mvn;

    private ArchetypeProject(Path folder, MavenCommand mvn) {
        this.folder = folder;
        this.mvn = mvn;
    }

    /**
     * Generates {@code groupId:artifactId} (package {@code packageName}, version 1.0.0-SNAPSHOT) from the archetype
     * of {@code plinthVersion} into {@code work}; Maven runs on {@code repository}, its logs in {@code work/logs}.
     *
     * @throws IllegalStateException with Maven's output when the generation fails
     */
    public static ArchetypeProject generate(Path work, Path repository, String plinthVersion, String groupId,
            String artifactId, String packageName) {
        Path logs = work.resolve("logs");
        MavenCommand.Outcome generated = new MavenCommand(work, repository, logs).run(Duration.ofMinutes(2),
                "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty(ARCHETYPE_PLUGIN_PROPERTY,
                        "3.3.1") + ":generate", "-DarchetypeGroupId=dev.plinth",
                "-DarchetypeArtifactId=plinth-plugin-archetype", "-DarchetypeVersion=" + plinthVersion,
                "-DgroupId=" + groupId, "-DartifactId=" + artifactId, "-Dpackage=" + packageName,
                "-Dversion=1.0.0-SNAPSHOT", "-DinteractiveMode=false");
        Path folder = work.resolve(artifactId);
        if (generated.exitCode() != 0 || !Files.isRegularFile(folder.resolve("pom.xml"))) {
            throw new IllegalStateException("archetype:generate failed (" + generated.exitCode() + "):\n"
                    + generated.output());
        }
        return new ArchetypeProject(folder, new MavenCommand(folder, repository, logs));
    }

    /** The project's folder. */
    public Path folder() {
        return folder;
    }

    /** Maven in the project's folder, on the repository it was generated with. */
    public MavenCommand mvn() {
        return mvn;
    }

    /**
     * Replaces the string literal that starts with {@code from} by one that starts with {@code to}, in the one Java
     * source of {@code src/main/java} that holds it; returns that source.
     *
     * @throws IllegalStateException when no source or more than one holds it
     */
    public Path replaceInLiteral(String from, String to) {
        try {
            List<Path> holders;
            try (Stream<Path> sources = Files.walk(folder.resolve("src/main/java"))) {
                holders = sources.filter(f -> f.toString().endsWith(".java"))
                        .filter(f -> read(f).contains("\"" + from)).toList();
            }
            if (holders.size() != 1) {
                throw new IllegalStateException("sources holding \"" + from + ": " + holders);
            }
            Path source = holders.get(0);
            Files.writeString(source, read(source).replace("\"" + from, "\"" + to), StandardCharsets.UTF_8);
            return source;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
