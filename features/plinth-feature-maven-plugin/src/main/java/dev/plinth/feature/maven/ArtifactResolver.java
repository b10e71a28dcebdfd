package dev.plinth.feature.maven;

import java.nio.file.Path;
import java.util.List;

import org.apache.maven.plugin.MojoExecutionException;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import dev.plinth.feature.model.ArtifactId;

/**
 * Finds artifacts the way Maven does for the running build: the modules of the build first (so a feature sees the
 * bundles this very build made, installed or not), then the local repository, then the project's remote ones.
 */
final class ArtifactResolver {

    private final RepositorySystem system;
    private final RepositorySystemSession session;
    private final List<RemoteRepository> repositories;

    ArtifactResolver(RepositorySystem system, RepositorySystemSession session, List<RemoteRepository> repositories) {
        this.system = system;
        this.session = session;
        this.repositories = repositories;
    }

    Path resolve(ArtifactId id) throws MojoExecutionException {
        DefaultArtifact artifact = new DefaultArtifact(id.groupId(), id.artifactId(), id.classifier(), id.type(),
                id.version());
        try {
            return system.resolveArtifact(session, new ArtifactRequest(artifact, repositories, null))
                    .getArtifact().getFile().toPath();
        } catch (ArtifactResolutionException e) {
            throw new MojoExecutionException("cannot find " + id + ": " + e.getMessage(), e);
        }
    }
}
