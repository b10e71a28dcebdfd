package dev.plinth.feature.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.plinth.feature.model.Feature;
import dev.plinth.feature.model.FeatureBundle;

/**
 * Fills a runtime's {@code system/} folder with the bundles of one feature, as {@code artifactId-version.jar}.
 * The folder is emptied first: it holds exactly the feature's bundles.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class AssembleMojo extends ResolvingMojo {

    /** The complete feature to assemble, by Maven id ({@code dev.plinth:plinth-all:osgifeature:VERSION}). */
    @Parameter(required = true)
    private String feature;

    @Parameter(required = true)
    private File outputDirectory;

    @Override
    public void execute() throws MojoExecutionException {
        Feature complete = feature(feature);
        Path folder = outputDirectory.toPath();
        try {
            empty(folder);
            for (FeatureBundle bundle : complete.bundles()) {
                Files.copy(resolver().resolve(bundle.id()), folder.resolve(bundle.id().fileName()),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
        } catch (IOException e) {
            throw new MojoExecutionException("cannot fill " + folder + ": " + e.getMessage(), e);
        }
        getLog().info("Feature " + complete.id() + ": " + complete.bundles().size() + " bundles in " + folder);
    }

    private static void empty(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(folder);
    }
}
