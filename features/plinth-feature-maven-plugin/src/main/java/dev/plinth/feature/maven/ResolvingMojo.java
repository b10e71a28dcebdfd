package dev.plinth.feature.maven;

import java.nio.file.Path;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

import dev.plinth.feature.model.ArtifactId;
import dev.plinth.feature.model.Feature;
import dev.plinth.feature.model.FeatureReader;

/** What the goals of this plugin share: the project, and Maven's artifact resolution for it. */
abstract class ResolvingMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true)
    protected MavenSession session;

    @Component
    protected RepositorySystem repositorySystem;

    @Component
    protected MavenProjectHelper projectHelper;

    protected ArtifactResolver resolver() {
        return new ArtifactResolver(repositorySystem, session.getRepositorySession(),
                project.getRemoteProjectRepositories());
    }

    /** Reads a complete feature, as the goal {@code feature} attached it, by its Maven id. */
    protected Feature feature(String id) throws MojoExecutionException {
        ArtifactId artifact;
        try {
            artifact = ArtifactId.parse(id);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
        return read(resolver().resolve(artifact));
    }

    protected static Feature read(Path file) throws MojoExecutionException {
        try {
            return FeatureReader.read(file);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new MojoExecutionException("cannot read the feature " + file + ": " + e.getMessage(), e);
        }
    }
}
