package dev.plinth.feature.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.plinth.feature.model.ArtifactId;
import dev.plinth.feature.model.Feature;
import dev.plinth.feature.model.FeatureBundle;

/**
 * Writes a folder in Maven's repository layout holding the bundles of features and any other artifacts named, so
 * that a runtime that installs from Maven URLs (Karaf) finds them without the build having installed them.
 */
@Mojo(name = "repository", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class RepositoryMojo extends ResolvingMojo {

    /** Complete features, by Maven id: each of their bundles goes into the repository. */
    @Parameter
    private List<String> features = new ArrayList<>();

    /** Other artifacts, by Maven id ({@code dev.plinth:plinth-karaf:xml:features:VERSION}). */
    @Parameter
    private List<String> artifacts = new ArrayList<>();

    @Parameter(defaultValue = "${project.build.directory}/repository", required = true)
    private File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        Set<ArtifactId> all = new LinkedHashSet<>();
        for (String id : features) {
            feature(id).bundles().stream().map(FeatureBundle::id).forEach(all::add);
        }
        for (String id : artifacts) {
            try {
                all.add(ArtifactId.parse(id));
            } catch (IllegalArgumentException e) {
                throw new MojoExecutionException(e.getMessage(), e);
            }
        }
        ArtifactResolver resolver = resolver();
        try {
            for (ArtifactId id : all) {
                Path target = outputDirectory.toPath().resolve(layout(id));
                Files.createDirectories(target.getParent());
                Files.copy(resolver.resolve(id), target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot fill " + outputDirectory + ": " + e.getMessage(), e);
        }
        getLog().info(all.size() + " artifacts in the repository " + outputDirectory);
    }

    /** {@code group/path/artifact/version/artifact-version[-classifier].type}; features as {@value Feature#TYPE}. */
    static String layout(ArtifactId id) {
        return id.groupId().replace('.', '/') + "/" + id.artifactId() + "/" + id.version() + "/" + id.fileName();
    }
}
