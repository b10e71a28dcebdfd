package dev.plinth.feature.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import dev.plinth.feature.model.Feature;
import dev.plinth.feature.model.FeatureBundle;
import dev.plinth.feature.model.ServiceLoaderRequirements;

/**
 * Fills a runtime's {@code system/} folder with the bundles of one feature, as {@code artifactId-version.jar}.
 * The folder is emptied first: it holds exactly the feature's bundles. Bundles named in
 * {@code withoutServiceLoader} lose their optional requirements on the Service Loader Mediator.
 */
@Mojo(name = "assemble", defaultPhase = LifecyclePhase.PREPARE_PACKAGE, threadSafe = true)
public class AssembleMojo extends ResolvingMojo {

    /** The complete feature to assemble, by Maven id ({@code dev.plinth:plinth-all:osgifeature:VERSION}). */
    @Parameter(required = true)
    private String feature;

    @Parameter(required = true)
    private File outputDirectory;

    /**
     * Bundles of the feature (by artifact id) whose optional requirements on the Service Loader Mediator are
     * dropped from their manifest ({@link ServiceLoaderRequirements}); the build fails when one is not in the
     * feature or still asks for it afterwards.
     */
    @Parameter
    private List<String> withoutServiceLoader = List.of();

    @Override
    public void execute() throws MojoExecutionException {
        Feature complete = feature(feature);
        Path folder = outputDirectory.toPath();
        try {
            empty(folder);
            Set<String> patch = new HashSet<>(withoutServiceLoader);
            for (FeatureBundle bundle : complete.bundles()) {
                Path copy = folder.resolve(bundle.id().fileName());
                Files.copy(resolver().resolve(bundle.id()), copy, StandardCopyOption.COPY_ATTRIBUTES);
                if (patch.remove(bundle.id().artifactId())) {
                    ServiceLoaderRequirements.drop(copy);
                    getLog().info(bundle.id().fileName() + ": requirements on the Service Loader Mediator dropped");
                }
            }
            if (!patch.isEmpty()) {
                throw new MojoExecutionException("withoutServiceLoader names bundles that are not in the feature "
                        + complete.id() + ": " + patch);
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
